import type { StackFrame } from './rollbar-model'

// In-app frames and library frames, as Sentry and Rollbar show them: the app's own code in full, runs of library
// frames (dependencies, bundler runtime, Node internals) collapsed behind a toggle.

const LIBRARY_PATTERNS = [/node_modules[\\/]/, /[\\/]vendor[\\/]/, /webpack\/bootstrap/, /^node:/, /^internal[\\/]/]

/** A frame the payload marks (`in_app`), else one whose file is a dependency, the bundler's runtime or Node's own. */
export function isLibraryFrame(frame: Pick<StackFrame, 'filename' | 'inApp'>): boolean {
  if (frame.inApp !== undefined) return !frame.inApp
  return LIBRARY_PATTERNS.some((pattern) => pattern.test(frame.filename))
}

export interface IndexedFrame {
  frame: StackFrame
  /** its position in the exception's frames (most recent first) */
  index: number
}

/** A frame shown in full, or a run of consecutive library frames shown collapsed. */
export type FrameGroup = ({ kind: 'frame'; library: boolean } & IndexedFrame) | { kind: 'library'; frames: IndexedFrame[] }

/**
 * Frames in order, each run of consecutive library frames as one group. When no frame is the app's own, every
 * frame is shown (there would be nothing else to look at).
 */
export function frameGroups(frames: readonly StackFrame[]): FrameGroup[] {
  const library = frames.map(isLibraryFrame)
  if (library.every(Boolean)) return frames.map((frame, index) => ({ kind: 'frame', library: true, frame, index }))
  const groups: FrameGroup[] = []
  frames.forEach((frame, index) => {
    if (!library[index]) {
      groups.push({ kind: 'frame', library: false, frame, index })
      return
    }
    const last = groups.at(-1)
    if (last?.kind === 'library') last.frames.push({ frame, index })
    else groups.push({ kind: 'library', frames: [{ frame, index }] })
  })
  return groups
}

/** The last path segment of a file name or URL, without query or fragment: "index-abc.js". */
export function fileBaseName(filename: string): string {
  const path = filename.replace(/[?#].*$/, '')
  const segments = path.split(/[\\/]/).filter(Boolean)
  return segments.at(-1) ?? filename
}

/** "file:line:col" with whatever of line and column is known. */
export function frameLocation(filename: string, lineno: number | null, colno: number | null): string {
  if (lineno === null) return filename
  return colno === null ? `${filename}:${lineno}` : `${filename}:${lineno}:${colno}`
}

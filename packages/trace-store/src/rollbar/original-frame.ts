import { originalPositionFor, sourceContentFor, type TraceMap } from '@jridgewell/trace-mapping'

/** Lines of original source shown before and after a frame's line, as Rollbar's `context.pre` / `context.post`. */
export const CONTEXT_LINES = 3
/** Longer lines of original source are cut: a frame should not carry a bundled file's one-line vendor chunk. */
export const MAX_CODE_LINE_CHARS = 300

/** A Rollbar stack frame as browsers report it: `lineno` and `colno` 1-based, in the minified file. */
export type RollbarFrame = Record<string, unknown>

/** Where a minified position comes from: the map's source (as written in the map), 1-based line, 0-based column. */
export interface OriginalPosition {
  source: string
  line: number
  column: number
  /** the identifier the map names at that position, when it names one */
  name: string | null
}

/** The frame's position in its minified file as a map can look it up; null for a frame without one. */
export function minifiedPositionOf(frame: RollbarFrame): { line: number; column: number } | null {
  const { lineno, colno } = frame
  if (typeof lineno !== 'number' || !Number.isInteger(lineno) || lineno < 1) return null
  // a frame without a column (old browsers) is looked up at the start of its line
  const column = typeof colno === 'number' && Number.isInteger(colno) && colno >= 1 ? colno - 1 : 0
  return { line: lineno, column }
}

/** The original position of a minified one, or null when the map does not cover it. */
export function originalPositionOf(map: TraceMap, position: { line: number; column: number }): OriginalPosition | null {
  const found = originalPositionFor(map, position)
  if (found.source === null) return null
  return { source: found.source, line: found.line, column: found.column, name: found.name }
}

/**
 * A map's source as a path a reader knows: bundlers write sources relative to the map (`../../src/app.tsx`) or
 * under a scheme (`webpack://app/./src/app.tsx`); library code is named from its package (`node_modules/react-dom/…`,
 * also out of pnpm's `node_modules/.pnpm/…/node_modules/`). Absolute paths and URLs are kept.
 */
export function cleanSourcePath(source: string): string {
  let path = source.replace(/\\/g, '/').replace(/^webpack:\/\/[^/]*\//, '')
  const packageStart = path.lastIndexOf('node_modules/')
  if (packageStart >= 0) return path.slice(packageStart)
  while (path.startsWith('../') || path.startsWith('./')) path = path.slice(path.indexOf('/') + 1)
  return path === '' ? source : path
}

/** Library code calls functions through its own parameters (`Component(props)`, `callback()`): not their names. */
export function isLibrarySource(cleanPath: string): boolean {
  return cleanPath.startsWith('node_modules/')
}

const sourceLinesByMap = new WeakMap<TraceMap, Map<string, string[] | null>>()

function sourceLines(map: TraceMap, source: string): string[] | null {
  let bySource = sourceLinesByMap.get(map)
  if (!bySource) {
    bySource = new Map()
    sourceLinesByMap.set(map, bySource)
  }
  if (!bySource.has(source)) bySource.set(source, sourceContentFor(map, source)?.split(/\r?\n/) ?? null)
  return bySource.get(source)!
}

const clip = (line: string) => (line.length > MAX_CODE_LINE_CHARS ? `${line.slice(0, MAX_CODE_LINE_CHARS)}…` : line)

/**
 * The frame at its original place. `method` is `callerName` when given (see source-map-resolver.ts: the name the
 * calling frame's call site has in the original source), else the frame's own. The minified position, and any
 * `code`/`context` that belonged to it, are kept under `minified`. `code` and `context` come from the map's
 * `sourcesContent`, when it has the source.
 */
export function toOriginalFrame(map: TraceMap, frame: RollbarFrame, original: OriginalPosition, callerName: string | null): RollbarFrame {
  const { filename, lineno, colno, method, code, context, ...rest } = frame
  const minified: RollbarFrame = { filename, lineno, colno, method }
  if (code !== undefined) minified.code = code
  if (context !== undefined) minified.context = context
  const resolved: RollbarFrame = {
    ...rest,
    filename: cleanSourcePath(original.source),
    lineno: original.line,
    colno: original.column + 1,
    method: callerName ?? method,
    minified,
  }
  const lines = sourceLines(map, original.source)
  const lineIndex = original.line - 1
  if (lines && lineIndex < lines.length) {
    resolved.code = clip(lines[lineIndex]!)
    resolved.context = {
      pre: lines.slice(Math.max(0, lineIndex - CONTEXT_LINES), lineIndex).map(clip),
      post: lines.slice(lineIndex + 1, lineIndex + 1 + CONTEXT_LINES).map(clip),
    }
  }
  return resolved
}

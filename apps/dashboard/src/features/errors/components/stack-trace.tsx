'use client'
import { useState } from 'react'
import type { OccurrenceException, StackFrame } from '../model/rollbar-model'
import { fileBaseName, frameGroups, frameLocation, type IndexedFrame } from '../model/stack-frames'
import styles from './item-page.module.css'

function CodeLines({ frame }: { frame: StackFrame }) {
  if (frame.code === null && !frame.context) return null
  const pre = frame.context?.pre ?? []
  const post = frame.context?.post ?? []
  const first = frame.lineno !== null ? frame.lineno - pre.length : null
  const line = (text: string, offset: number, current: boolean) => (
    <span key={offset} className={styles.codeLine} data-current={current ? 'true' : undefined}>
      {first !== null ? `${String(first + offset).padStart(5)}  ` : ''}
      {text}
    </span>
  )
  return (
    <pre className={styles.code} data-testid="frame-code">
      {pre.map((text, index) => line(text, index, false))}
      {frame.code !== null ? line(frame.code, pre.length, true) : null}
      {post.map((text, index) => line(text, pre.length + 1 + index, false))}
    </pre>
  )
}

function Frame({ frame, library }: { frame: StackFrame; library: boolean }) {
  return (
    <li className={styles.frame} data-testid="frame" data-library={library ? 'true' : 'false'}>
      <span className={`mono ${styles.frameMethod}`}>{frame.method || '(anonymous)'}</span>{' '}
      <span className="mono" data-testid="frame-location">
        {frameLocation(frame.filename, frame.lineno, frame.colno)}
      </span>
      {frame.minified ? (
        <span className={`mono ${styles.frameMinified}`} data-testid="frame-minified" title={frame.minified.filename}>
          minified: {frameLocation(fileBaseName(frame.minified.filename), frame.minified.lineno, frame.minified.colno)}
        </span>
      ) : null}
      <CodeLines frame={frame} />
    </li>
  )
}

function LibraryFrames({ frames }: { frames: IndexedFrame[] }) {
  const [open, setOpen] = useState(false)
  const label = `${frames.length} library frame${frames.length === 1 ? '' : 's'}`
  return (
    <>
      <li className={styles.frame} data-testid="library-frames">
        <button type="button" className={styles.libraryToggle} aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? `Hide ${label}` : `Show ${label}`}
        </button>
      </li>
      {open ? frames.map(({ frame, index }) => <Frame key={index} frame={frame} library />) : null}
    </>
  )
}

/** The exception and its causes, each with its frames (most recent first): in-app frames in full, library frames collapsed. */
export function StackTrace({ exceptions }: { exceptions: OccurrenceException[] }) {
  return (
    <>
      {exceptions.map((exception, index) => (
        <section key={index} className={styles.exception} data-testid="exception">
          <h3 className="error-text">
            {index > 0 ? <span className="muted">Caused by </span> : null}
            {exception.className}
            {exception.message ? `: ${exception.message}` : ''}
          </h3>
          {exception.frames.length === 0 ? (
            <p className="muted">No stack frames.</p>
          ) : (
            <ol className={styles.frames} aria-label={`Stack frames of ${exception.className}, most recent first`}>
              {frameGroups(exception.frames).map((group) =>
                group.kind === 'frame' ? (
                  <Frame key={group.index} frame={group.frame} library={group.library} />
                ) : (
                  <LibraryFrames key={`library-${group.frames[0]!.index}`} frames={group.frames} />
                ),
              )}
            </ol>
          )}
        </section>
      ))}
    </>
  )
}

import Link from 'next/link'
import { formatUnixSec } from '../../common/model/format'
import type { RollbarOccurrence } from '../model/rollbar-model'

function JsonBlock({ value }: { value: unknown }) {
  return <pre>{JSON.stringify(value, null, 2)}</pre>
}

/** One occurrence: its trace link (or why there is none), exception and frames, request and custom data. */
export function OccurrenceView({ occurrence }: { occurrence: RollbarOccurrence }) {
  return (
    <article className="panel" style={{ marginBottom: 12 }} data-occurrence-id={occurrence.id}>
      <div className="row">
        <strong>Occurrence {occurrence.id}</strong>
        <span className="muted">{formatUnixSec(occurrence.timestampSec)}</span>
        <span className={`badge ${occurrence.level}`}>{occurrence.level}</span>
        {occurrence.environment ? <span className="badge">{occurrence.environment}</span> : null}
        {occurrence.codeVersion ? <span className="muted">version {occurrence.codeVersion}</span> : null}
      </div>
      <p>
        {occurrence.traceId ? (
          <Link href={`/traces/${occurrence.traceId}${occurrence.spanId ? `?span=${occurrence.spanId}` : ''}`} data-testid="trace-link">
            Open trace {occurrence.traceId}
            {occurrence.spanId ? ` at span ${occurrence.spanId}` : ''}
          </Link>
        ) : (
          <span className="muted" data-testid="no-trace">
            This occurrence carries no trace id. Put the active trace id in the report&apos;s <code>custom.trace_id</code> (or the <code>trace_id</code>{' '}
            attribute) to link it.
          </span>
        )}
        {occurrence.sessionId ? <span className="muted"> · session {occurrence.sessionId}</span> : null}
      </p>
      {occurrence.message !== null ? (
        <>
          <h3>Message</h3>
          <pre>{occurrence.message}</pre>
        </>
      ) : null}
      {occurrence.exceptions.map((exception, index) => (
        <div key={index}>
          <h3 className="error-text">
            {exception.className}
            {exception.message ? `: ${exception.message}` : ''}
          </h3>
          {exception.frames.length === 0 ? (
            <p className="muted">No stack frames.</p>
          ) : (
            <table className="data">
              <caption className="visually-hidden">Stack frames, most recent first</caption>
              <thead>
                <tr>
                  <th scope="col">Function</th>
                  <th scope="col">File</th>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col" className="num">
                    Column
                  </th>
                </tr>
              </thead>
              <tbody>
                {exception.frames.map((frame, frameIndex) => (
                  <tr key={frameIndex}>
                    <td className="mono">{frame.method || '(anonymous)'}</td>
                    <td className="mono">{frame.filename}</td>
                    <td className="num">{frame.lineno ?? '–'}</td>
                    <td className="num">{frame.colno ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
      <h3>Request</h3>
      {occurrence.request ? <JsonBlock value={occurrence.request} /> : <p className="muted">No request data.</p>}
      <h3>Custom data</h3>
      {occurrence.custom !== null ? <JsonBlock value={occurrence.custom} /> : <p className="muted">No custom data.</p>}
    </article>
  )
}

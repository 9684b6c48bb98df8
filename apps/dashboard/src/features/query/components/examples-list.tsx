import Link from 'next/link'
import type { PointExamples } from './series-chart'

/** The example traces of a clicked point or cell (several of them; one opens at once). */
export function ExamplesList({ examples, onClose }: { examples: PointExamples; onClose: () => void }) {
  return (
    <div className="panel" data-testid="point-examples" role="region" aria-label="Example traces">
      <div className="row">
        <strong className="break-anywhere">Example traces: {examples.title}</strong>
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {examples.state === 'loading' ? (
        <p className="muted" role="status">
          Finding the traces of this point…
        </p>
      ) : examples.state === 'failed' ? (
        <p className="error-text" role="alert">
          The example traces could not be found; try again.
        </p>
      ) : examples.traceIds.length === 0 ? (
        <p className="muted">No example trace for this point.</p>
      ) : (
        <ul>
          {examples.traceIds.map((traceId) => (
            <li key={traceId}>
              <Link href={`/traces/${traceId}`} className="mono">
                {traceId}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

import type { OutlineSpan, TraceOutline } from '../model/trace-outline'
import { formatDuration } from '../../waterfall/model/time-layout'

export interface TraceHeadingProps {
  trace: TraceOutline
  root: OutlineSpan | undefined
  /** service name → colour index, in legend order */
  services: [string, number][]
  errorCount: number
  /**
   * the trace's start as local date-time text; null where the reader's time zone is unknown (the server-rendered
   * first rows), so the server never prints a time the browser would then show differently
   */
  startText: string | null
}

/** The trace page's heading: root span, id, start, duration, counts, warnings and the services' colours. */
export function TraceHeading({ trace, root, services, errorCount, startText }: TraceHeadingProps) {
  return (
    <>
      <div className="row" style={{ alignItems: 'baseline' }}>
        <h1 style={{ marginBottom: 4 }}>
          {root ? (
            <>
              <span className="muted">{root.serviceName}:</span> {root.name}
            </>
          ) : (
            'Empty trace'
          )}
        </h1>
        <span className="spacer" />
        <a href={`/api/traces/${trace.traceId}/otlp`} download={`trace-${trace.traceId}.otlp.json`}>
          Download OTLP JSON
        </a>
      </div>
      <p className="muted" style={{ margin: '0 0 8px' }}>
        <span className="mono">{trace.traceId}</span> · {startText === null ? null : `${startText} · `}
        {formatDuration(trace.durationMs)} · {trace.spans.length} spans ·{' '}
        <span className={errorCount > 0 ? 'error-text' : undefined}>
          {errorCount} error{errorCount === 1 ? '' : 's'}
        </span>
      </p>
      {trace.warnings.map((warning) => (
        <p key={warning} className="state">
          {warning}
        </p>
      ))}
      <div className="legend" aria-label="Services">
        {services.map(([name, colour]) => (
          <span key={name}>
            <span className={`swatch s${colour}`} />
            {name}
          </span>
        ))}
      </div>
    </>
  )
}

import Link from 'next/link'
import { useUtc } from '../../common/components/time-zone'
import { formatUnixMs, formatUnixSec } from '../../common/model/format'
import { formatDuration } from '../../waterfall/model/time-layout'
import type { SessionTimeline } from '../model/session-timeline'

const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`

/**
 * A session on one time axis: a row per trace (its bar links to the trace) and a row of Rollbar occurrences (each
 * marker links to its item). Names, services and titles are untrusted: rendered as text only.
 */
export function SessionTimelineChart({ timeline }: { timeline: SessionTimeline }) {
  const utc = useUtc()
  return (
    <section aria-label="Session timeline" className="session-timeline" data-testid="session-timeline">
      <div className="session-row session-axis" aria-hidden="true">
        <span>{formatUnixMs(timeline.startMs, utc)}</span>
        <div className="session-track">
          {timeline.ticks.map((tick) => (
            <span key={tick.offsetMs} className="session-tick" style={{ left: percent(tick.fraction) }}>
              +{tick.label}
            </span>
          ))}
        </div>
      </div>
      <ol className="session-rows" aria-label="Traces">
        {timeline.bars.map(({ trace, left, width, startMs }) => {
          const failed = (trace.errorCount ?? 0) > 0
          const label = `${trace.rootServiceName}: ${trace.rootSpanName || '(unnamed)'}`
          return (
            <li key={trace.traceId} className="session-row" data-trace-id={trace.traceId} data-error={failed ? 'true' : undefined}>
              <Link href={`/traces/${trace.traceId}`} className="session-label" title={`${label} · ${formatUnixMs(startMs, utc)}`}>
                {failed ? (
                  <span className="badge error" title={`${trace.errorCount} error span(s)`}>
                    error
                  </span>
                ) : null}{' '}
                <span className="muted">{trace.rootServiceName}:</span> {trace.rootSpanName || '(unnamed)'}{' '}
                <span className="muted">{formatDuration(trace.durationMs)}</span>
              </Link>
              <div className="session-track">
                <Link
                  href={`/traces/${trace.traceId}`}
                  className={`session-bar${failed ? ' error' : ''}`}
                  style={{ left: percent(left), width: percent(width) }}
                  aria-label={`${label}, ${formatDuration(trace.durationMs)}`}
                  tabIndex={-1}
                />
              </div>
            </li>
          )
        })}
      </ol>
      {timeline.markers.length > 0 ? (
        <div className="session-row" aria-label="Rollbar occurrences">
          <span className="session-label muted">Rollbar occurrences</span>
          <div className="session-track">
            {timeline.markers.map(({ occurrence, left }) => (
              <Link
                key={occurrence.occurrenceId}
                href={`/errors/${occurrence.itemId}`}
                className={`session-marker ${occurrence.level}`}
                style={{ left: percent(left) }}
                title={`${occurrence.title} · ${formatUnixSec(occurrence.timestampSec, utc)}`}
                aria-label={`${occurrence.level}: ${occurrence.title}, ${formatUnixSec(occurrence.timestampSec, utc)}`}
                data-occurrence-id={occurrence.occurrenceId}
              />
            ))}
          </div>
        </div>
      ) : null}
    </section>
  )
}

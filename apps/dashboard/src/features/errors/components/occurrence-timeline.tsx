'use client'
import { useQuery } from '@tanstack/react-query'
import { traceOutlineQuery } from '../../traces/queries'
import type { TelemetryEvent } from '../model/rollbar-model'
import { formatOffset, telemetrySummary, timelineLayout } from '../model/telemetry-timeline'
import styles from './item-page.module.css'

/**
 * The breadcrumbs rollbar.js recorded before the occurrence, and the spans of its trace (from the outline the trace
 * page uses), on one axis measured from the occurrence. The full waterfall is one click away on the trace page.
 */
export function OccurrenceTimeline({
  occurrenceMs,
  telemetry,
  traceId,
  spanId,
}: {
  occurrenceMs: number
  telemetry: TelemetryEvent[]
  traceId: string | null
  spanId: string | null
}) {
  const outline = useQuery({ ...traceOutlineQuery(traceId ?? ''), enabled: traceId !== null, retry: false })
  const trace = traceId !== null && outline.data ? outline.data : null
  if (telemetry.length === 0 && traceId === null) return <p className="muted">No breadcrumbs and no trace for this occurrence.</p>
  const layout = timelineLayout({ occurrenceMs, events: telemetry, trace, spanId })
  return (
    <>
      <div className={styles.timeline} data-testid="timeline">
        <div className={styles.occurrenceMarker} style={{ left: `${layout.occurrenceLeftPct}%` }} title="the occurrence (to the second)" />
        <div className={styles.laneLabel}>Breadcrumbs</div>
        <div className={styles.lane}>
          {layout.events.map(({ event, offsetMs, leftPct }, index) => (
            <span
              key={index}
              className={styles.crumbDot}
              data-level={event.level}
              style={{ left: `${leftPct}%` }}
              title={`${formatOffset(offsetMs)} ${event.type}: ${telemetrySummary(event)}`}
            />
          ))}
        </div>
        {traceId !== null ? (
          <>
            <div className={styles.laneLabel}>
              Trace spans
              {outline.isPending ? ' (loading…)' : null}
              {outline.isError ? ` (not available: ${outline.error.message})` : null}
              {layout.hiddenSpanCount > 0 ? ` (${layout.hiddenSpanCount} more on the trace page)` : null}
            </div>
            <div className={styles.spanLane} style={{ height: `${Math.max(1, layout.spans.length) * 6}px` }} data-testid="timeline-spans">
              {layout.spans.map(({ span, leftPct, widthPct, error, current, offsetMs }, row) => (
                <span
                  key={span.spanId}
                  className={styles.spanBar}
                  data-error={error ? 'true' : undefined}
                  data-current={current ? 'true' : undefined}
                  data-span-id={span.spanId}
                  style={{ left: `${leftPct}%`, width: `${Math.min(widthPct, 100 - leftPct)}%`, top: `${row * 6}px` }}
                  title={`${span.serviceName}: ${span.name} (${formatOffset(offsetMs)}, ${Math.round(span.durationMs)} ms)`}
                />
              ))}
            </div>
          </>
        ) : null}
        <div className={styles.axis} aria-hidden="true">
          <span>{formatOffset(layout.fromMs)}</span>
          <span>{formatOffset(layout.toMs)}</span>
        </div>
      </div>
      {telemetry.length === 0 ? (
        <p className="muted">No breadcrumbs: the sender recorded no telemetry.</p>
      ) : (
        <ol className={styles.crumbs} data-testid="breadcrumbs" aria-label="Breadcrumbs, oldest first">
          {layout.events.map(({ event, offsetMs }, index) => (
            <li key={index} className={styles.crumb} data-type={event.type} data-level={event.level}>
              <span className={styles.crumbOffset}>{formatOffset(offsetMs)}</span>
              <span>
                <span className="badge">{event.type}</span>
              </span>
              <span className={styles.crumbSummary}>{telemetrySummary(event)}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  )
}

import Link from 'next/link'
import { RelativeTime } from '../../common/components/time-zone'
import { formatDuration } from '../../waterfall/model/time-layout'
import { hasOnlyClientErrors } from '../model/error-severity'
import { nanoToMs, type TraceSummary } from '../model/trace-model'
import styles from './trace-table.module.css'

export function TraceTable({ traces, caption }: { traces: TraceSummary[]; caption: string }) {
  return (
    <div className={styles.wrap}>
      <table className={`data ${styles.table}`}>
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          <col className={styles.start} />
          <col />
          <col className={styles.duration} />
          <col className={styles.spans} />
          <col className={styles.errors} />
          <col className={styles.services} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Start</th>
            <th scope="col">Root</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Spans
            </th>
            <th scope="col" className="num">
              Errors
            </th>
            <th scope="col">Services</th>
          </tr>
        </thead>
        <tbody>
          {traces.map((trace) => {
            const rootText = `${trace.rootServiceName}: ${trace.rootSpanName || '(unnamed)'}`
            const servicesText = trace.services.map((service) => service.name).join(', ') || '–'
            return (
              <tr key={trace.traceId} data-trace-id={trace.traceId}>
                <td data-testid="trace-start">
                  <RelativeTime ms={nanoToMs(trace.startTimeUnixNano)} />
                </td>
                <td className={styles.root}>
                  <Link href={`/traces/${trace.traceId}`} className={styles.truncate} title={rootText}>
                    <span className="muted">{trace.rootServiceName}:</span> {trace.rootSpanName || '(unnamed)'}
                  </Link>
                </td>
                <td className="num">
                  <span className={styles.label}>Duration</span>
                  {formatDuration(trace.durationMs)}
                </td>
                <td className="num">
                  <span className={styles.label}>Spans</span>
                  {trace.spanCount ?? '–'}
                </td>
                {hasOnlyClientErrors(trace) ? (
                  <td className="num" title="HTTP 4xx answers only: requests refused as designed">
                    <span className={styles.label}>Errors</span>
                    {trace.errorCount} <span className="muted">4xx</span>
                  </td>
                ) : (
                  <td className={`num${(trace.errorCount ?? 0) > 0 ? ' error-text' : ''}`}>
                    <span className={styles.label}>Errors</span>
                    {trace.errorCount ?? '–'}
                  </td>
                )}
                <td className={styles.servicesCell}>
                  <span className={styles.truncate} title={servicesText}>
                    {servicesText}
                  </span>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

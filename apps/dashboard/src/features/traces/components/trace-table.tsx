import Link from 'next/link'
import { formatUnixNano } from '../../common/model/format'
import { formatDuration } from '../../waterfall/model/time-layout'
import { hasOnlyClientErrors } from '../model/error-severity'
import type { TraceSummary } from '../model/trace-model'

export function TraceTable({ traces, caption }: { traces: TraceSummary[]; caption: string }) {
  return (
    <table className="data">
      <caption className="visually-hidden">{caption}</caption>
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
        {traces.map((trace) => (
          <tr key={trace.traceId} data-trace-id={trace.traceId}>
            <td>{formatUnixNano(trace.startTimeUnixNano)}</td>
            <td>
              <Link href={`/traces/${trace.traceId}`}>
                <span className="muted">{trace.rootServiceName}:</span> {trace.rootSpanName || '(unnamed)'}
              </Link>
            </td>
            <td className="num">{formatDuration(trace.durationMs)}</td>
            <td className="num">{trace.spanCount ?? '–'}</td>
            {hasOnlyClientErrors(trace) ? (
              <td className="num" title="HTTP 4xx answers only: requests refused as designed">
                {trace.errorCount} <span className="muted">4xx</span>
              </td>
            ) : (
              <td className={`num${(trace.errorCount ?? 0) > 0 ? ' error-text' : ''}`}>{trace.errorCount ?? '–'}</td>
            )}
            <td>{trace.services.map((service) => service.name).join(', ') || '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

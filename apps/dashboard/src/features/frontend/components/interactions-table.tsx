import Link from 'next/link'
import { parseTraceId } from '../../traces/model/trace-id'
import type { InteractionRow } from '../model/frontend-tables'
import { formatVitalValue, vitalDefinition } from '../model/web-vitals'
import styles from './frontend.module.css'
import { RatingLabel, RATING_CLASS } from './rating-label'
import { RouteLabel } from './route-label'

const INP = vitalDefinition('INP')!
const SPAN_ID_PATTERN = /^[0-9a-f]{16}$/

/** The slowest interactions by INP, each linking to its INP span in its trace. */
export function InteractionsTable({ rows }: { rows: InteractionRow[] }) {
  return (
    <div className="table-scroll">
      <table className="data" data-testid="interactions-table">
        <caption className="visually-hidden">The slowest interactions by INP, slowest first</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              INP
            </th>
            <th scope="col">Target</th>
            <th scope="col">Event</th>
            <th scope="col">Route</th>
            <th scope="col">Trace</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const traceId = row.traceId === null ? null : parseTraceId(row.traceId)
            // the INP span selected in its trace (under the interaction's span that caused it)
            const span = row.spanId !== null && SPAN_ID_PATTERN.test(row.spanId) ? `?span=${row.spanId}` : ''
            return (
              <tr key={`${row.traceId}-${index}`}>
                <td className={`num ${RATING_CLASS[row.rating]}`}>
                  <span className={styles.value}>{formatVitalValue(INP, row.valueMs)}</span>
                  <RatingLabel rating={row.rating} />
                </td>
                <td className={`${styles.textCell} break-anywhere`}>{row.target ?? <span className="muted">(unknown)</span>}</td>
                <td>{row.eventType ?? <span className="muted">–</span>}</td>
                <td className={styles.textCell}>
                  <RouteLabel route={row.route} routeKey={row.routeKey} />
                </td>
                <td>
                  {traceId?.ok ? (
                    <Link
                      href={`/traces/${traceId.value}${span}`}
                      className="mono"
                      aria-label={`Open the trace of the ${formatVitalValue(INP, row.valueMs)} interaction`}
                    >
                      {traceId.value.slice(0, 8)}…
                    </Link>
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

import Link from 'next/link'
import { RelativeTime } from '../../common/components/time-zone'
import { parseSessionId } from '../../lookup/model/parse-lookup'
import { formatBucket } from '../model/frontend-params'
import type { SessionRow } from '../model/frontend-tables'
import styles from './frontend.module.css'

/** Recent sessions, each linking to its session page (ids the page would refuse are shown as text only). */
export function SessionsTable({ rows, bucketSec }: { rows: SessionRow[]; bucketSec: number }) {
  return (
    <div className="table-scroll">
      <table className="data" data-testid="sessions-table">
        <caption className="visually-hidden">Sessions, most recently seen first</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col" className="num">
              Spans
            </th>
            <th scope="col" className="num">
              Errors
            </th>
            <th scope="col" title={`to within ${formatBucket(bucketSec)}`}>
              First seen
            </th>
            <th scope="col" title={`to within ${formatBucket(bucketSec)}`}>
              Last seen
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.sessionId} data-session-id={row.sessionId}>
              <td className={`${styles.textCell} mono break-anywhere`}>
                {parseSessionId(row.sessionId) ? <Link href={`/sessions/${encodeURIComponent(row.sessionId)}`}>{row.sessionId}</Link> : row.sessionId}
              </td>
              <td className="num" data-column="spans">
                {row.spans}
              </td>
              <td className={`num${row.errors > 0 ? ' error-text' : ''}`} data-column="errors">
                {row.errors}
              </td>
              <td className="nowrap">
                <RelativeTime ms={row.firstSeenMs} />
              </td>
              <td className="nowrap">
                <RelativeTime ms={row.lastSeenMs} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

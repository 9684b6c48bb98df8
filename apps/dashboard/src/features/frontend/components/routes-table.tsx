import type { DurationStats, RouteLoadRow } from '../model/frontend-tables'
import styles from './frontend.module.css'
import { RouteLabel } from './route-label'

const formatMs = (ms: number | null) => (ms === null ? '–' : `${Math.round(ms).toLocaleString('en-US')} ms`)

function DurationCells({ stats, what }: { stats: DurationStats | undefined; what: string }) {
  if (!stats) {
    return (
      <>
        <td className="num muted" data-column={`${what}-count`}>
          0
        </td>
        <td className="num muted" data-column={`${what}-p75`}>
          –
        </td>
        <td className="num muted" data-column={`${what}-p95`}>
          –
        </td>
      </>
    )
  }
  return (
    <>
      <td className="num" data-column={`${what}-count`}>
        {stats.count}
      </td>
      <td className="num" data-column={`${what}-p75`}>
        {formatMs(stats.p75Ms)}
      </td>
      <td className="num" data-column={`${what}-p95`}>
        {formatMs(stats.p95Ms)}
      </td>
    </>
  )
}

/** `12.5%`; under 0.1% but above nothing as `<0.1%`, so a rare error does not read as none. */
function formatErrorRate(rate: number | null): string {
  if (rate === null) return '–'
  if (rate > 0 && rate < 0.001) return '<0.1%'
  return `${(rate * 100).toFixed(1)}%`
}

/** Per route: page loads and in-app navigations (count, p75, p95) and the share of its spans that failed. */
export function RoutesTable({ rows }: { rows: RouteLoadRow[] }) {
  return (
    <div className="table-scroll">
      <table className="data" data-testid="routes-table">
        <caption className="visually-hidden">Routes by load time (the slower p75 of page loads and navigations), with their error rate</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Route
            </th>
            <th scope="colgroup" colSpan={3}>
              Page loads (documentLoad)
            </th>
            <th scope="colgroup" colSpan={3}>
              Navigations
            </th>
            <th scope="colgroup" colSpan={3}>
              All spans
            </th>
          </tr>
          <tr>
            <th scope="col" className="num">
              count
            </th>
            <th scope="col" className="num">
              p75
            </th>
            <th scope="col" className="num">
              p95
            </th>
            <th scope="col" className="num">
              count
            </th>
            <th scope="col" className="num">
              p75
            </th>
            <th scope="col" className="num">
              p95
            </th>
            <th scope="col" className="num">
              spans
            </th>
            <th scope="col" className="num">
              errors
            </th>
            <th scope="col" className="num">
              error rate
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-route={row.route ?? ''}>
              <th scope="row" className={styles.textCell}>
                <RouteLabel route={row.route} routeKey={row.routeKey} />
              </th>
              <DurationCells stats={row.pageLoads} what="page-loads" />
              <DurationCells stats={row.navigations} what="navigations" />
              <td className="num" data-column="spans">
                {row.spans}
              </td>
              <td className={`num${row.errors > 0 ? ' error-text' : ''}`} data-column="errors">
                {row.errors}
              </td>
              <td className={`num${row.errors > 0 ? ' error-text' : ''}`} data-column="error-rate">
                {formatErrorRate(row.errorRate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

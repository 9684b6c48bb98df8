import type { VitalRouteRow } from '../model/frontend-tables'
import { formatVitalValue, WEB_VITALS } from '../model/web-vitals'
import styles from './frontend.module.css'
import { RatingLabel, RATING_CLASS } from './rating-label'
import { RouteLabel } from './route-label'

/** Route × vital: the p75, its rating (coloured and in words) and how many values it is the p75 of. */
export function VitalsTable({ rows }: { rows: VitalRouteRow[] }) {
  return (
    <div className="table-scroll">
      <table className="data" data-testid="vitals-table">
        <caption className="visually-hidden">p75 of each web vital per route, rated by Google&apos;s thresholds</caption>
        <thead>
          <tr>
            <th scope="col">Route</th>
            {WEB_VITALS.map((vital) => (
              <th key={vital.name} scope="col" className="num" title={vital.title}>
                {vital.name}
                <small className={`${styles.thresholds} muted`}>
                  good ≤ {formatVitalValue(vital, vital.goodMaxValue)}, poor &gt; {formatVitalValue(vital, vital.poorAboveValue)}
                </small>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-route={row.route ?? ''}>
              <th scope="row" className={styles.textCell}>
                <RouteLabel route={row.route} routeKey={row.routeKey} />
              </th>
              {WEB_VITALS.map((vital) => {
                const cell = row.vitals[vital.name]
                if (!cell) {
                  return (
                    <td key={vital.name} className="num muted" data-vital={vital.name}>
                      –
                    </td>
                  )
                }
                return (
                  <td key={vital.name} className={`num ${RATING_CLASS[cell.rating]}`} data-vital={vital.name}>
                    <span className={styles.value}>{formatVitalValue(vital, cell.p75)}</span>
                    <RatingLabel rating={cell.rating} />
                    <span className={`${styles.count} muted`}>
                      {cell.count} {cell.count === 1 ? 'value' : 'values'}
                    </span>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

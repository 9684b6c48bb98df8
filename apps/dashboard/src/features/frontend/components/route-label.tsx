import type { RouteKey } from '../model/route-tiers'
import styles from './frontend.module.css'

/** A route as the spans named it (untrusted text: rendered as text, cut with its full text on hover), and from where when not the route template. */
export function RouteLabel({ route, routeKey }: { route: string | null; routeKey: RouteKey | null }) {
  if (route === null) return <span className="muted">(no route or path)</span>
  return (
    <span className={`${styles.route} break-anywhere`} data-route-key={routeKey ?? undefined}>
      <span title={route}>{route}</span>
      {routeKey !== 'browser.page.route' ? <span className="muted"> · {routeKey}</span> : null}
    </span>
  )
}

import { initWebTracing } from '@spanlight/web-tracing'
import { traceRoutes } from '@spanlight/web-tracing/routes'
import { config, markReady } from './test-config.js'

// A single-page app without a router library: the test drives the History
// API as a router would, and each page fetches its data after it painted
// (what an effect does). The page also calls the History API with arguments
// the browser refuses, before and after traceRoutes, to compare what the app
// sees.
const options = config as typeof config & { fetchDelayMs?: number }

/** What the app gets from History API calls the browser refuses: the error's name, or 'ok'. */
function oddHistoryCalls(): string[] {
  const attempts: (() => void)[] = [
    () => (history.pushState as (...args: unknown[]) => void)(),
    () => history.pushState({ callback: () => undefined }, ''),
    () => history.pushState(null, '', 'https://elsewhere.example/'),
    () => history.replaceState(null, '', 'http://[bad'),
  ]
  return attempts.map((attempt) => {
    try {
      attempt()
      return 'ok'
    } catch (error) {
      return error instanceof Error ? error.name : typeof error
    }
  })
}
const oddCallsBefore = oddHistoryCalls()

const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  propagateTo: [config.api],
  exportDelayMs: 100,
  instrumentations: { documentLoad: false },
})
let routeCalls = 0
const started = traceRoutes(tracing, {
  route(path) {
    routeCalls++
    if (config.routeThrows) throw new Error('router not ready')
    if (/^\/orders\/\d+$/.test(path)) return '/orders/:id'
    return undefined
  },
})
const oddCallsAfter = oddHistoryCalls()

const fetched: string[] = []
/** The "router": after a location change has painted, load the page's data. */
function loadPageData() {
  const path = location.pathname
  requestAnimationFrame(() =>
    setTimeout(() => {
      void fetch(`${config.api}/api/data${path}?delayMs=${options.fetchDelayMs ?? 0}`)
        .then((response) => response.text())
        .then(() => fetched.push(path))
    }),
  )
}

markReady({
  started: () => started,
  startedAgain: () => traceRoutes(tracing),
  routeCalls: () => routeCalls,
  oddCalls: () => ({ before: oddCallsBefore, after: oddCallsAfter }),
  push(url: string, load = false) {
    history.pushState({ at: url }, '', url)
    if (load) loadPageData()
  },
  replace(url: string) {
    history.replaceState(history.state, '', url)
  },
  /** resolves after the popstate of `history.back()` */
  back: () =>
    new Promise<string>((resolve) => {
      window.addEventListener('popstate', () => resolve(location.pathname), { once: true })
      history.back()
    }),
  /** resolves after the hashchange */
  setHash: (hash: string) =>
    new Promise<string>((resolve) => {
      window.addEventListener('hashchange', () => resolve(location.hash), { once: true })
      location.hash = hash
    }),
  fetched: () => fetched,
  flush: () => tracing.forceFlush(),
  stats: () => tracing.stats(),
})

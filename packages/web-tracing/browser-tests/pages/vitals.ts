import { initWebTracing } from '@spanlight/web-tracing'
import { traceInteractions } from '@spanlight/web-tracing/interactions'
import { traceRoutes } from '@spanlight/web-tracing/routes'
import { traceWebVitals } from '@spanlight/web-tracing/vitals'
import { onCLS, onFCP, onINP, onLCP, onTTFB, type MetricWithAttribution } from 'web-vitals/attribution'
// test only: the registry the entries share, the very module the entries above were bundled with (no public export)
import { noteInteraction, type InteractionRecord } from '../../dist/signals/page-activity.js'
import { config, markReady } from './test-config.js'

// A page with a known LCP element (#hero), one layout shift (#banner pushes
// #hero down once it has painted) and a slow interaction (#slow blocks
// ~200 ms, #slower ~400 ms). It records what web-vitals itself reports,
// through its own onLCP/onCLS/… calls, as the reference the spans must equal.
// With `withRoutes`, the route template comes from traceRoutes instead of
// traceWebVitals' own option; with `noteInteractions`, each click is recorded
// in the entries' registry as the interactions entry does, with a span.
// With `withInteractions`, the interactions entry records them.
const options = config as typeof config & { withRoutes?: boolean; noteInteractions?: boolean; withInteractions?: boolean }
const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  // only the page-exit path can deliver the vitals
  exportDelayMs: 60_000,
  instrumentations: { documentLoad: false },
})
if (options.withRoutes) {
  traceRoutes(tracing, { route: (path) => (path.startsWith('/orders/') ? '/orders/:id' : '/pages/:name') })
  traceWebVitals(tracing)
} else {
  traceWebVitals(tracing, {
    route: () => {
      if (config.routeThrows) throw new Error('router not ready')
      return '/pages/:name'
    },
  })
}

if (options.withInteractions) traceInteractions(tracing)

const interactions: { traceId: string; spanId: string }[] = []
if (options.noteInteractions) {
  document.addEventListener(
    'click',
    (event) => {
      const span = tracing.tracer.startSpan('test interaction', { root: true, startTime: event.timeStamp })
      const record: InteractionRecord = { spanContext: span.spanContext(), eventType: 'click', startTimeMs: event.timeStamp }
      noteInteraction(record)
      interactions.push({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId })
      requestAnimationFrame(() =>
        setTimeout(() => {
          record.endTimeMs = performance.now()
          span.end(record.endTimeMs)
        }),
      )
    },
    { capture: true },
  )
}

interface Reference {
  name: string
  value: number
  rating: string
  target?: string | undefined
  url?: string | undefined
  eventType?: string | undefined
  invoker?: string | undefined
}
const references: Reference[] = []
const remember = (metric: MetricWithAttribution) => {
  const reference: Reference = { name: metric.name, value: metric.value, rating: metric.rating }
  if (metric.name === 'LCP') Object.assign(reference, { target: metric.attribution.target, url: metric.attribution.url })
  if (metric.name === 'CLS') reference.target = metric.attribution.largestShiftTarget
  if (metric.name === 'INP')
    Object.assign(reference, {
      target: metric.attribution.interactionTarget,
      eventType: metric.entries[0]?.name,
      invoker: metric.attribution.longestScript?.entry.invoker,
    })
  references.push(reference)
  // the page may be going away: a beacon still arrives (the recording server keeps the query)
  const fields = { ...reference, service: config.serviceName }
  const query = new URLSearchParams(Object.entries(fields).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])))
  navigator.sendBeacon(`${config.api}/reference?${query.toString()}`)
}
onTTFB(remember)
onFCP(remember)
onLCP(remember)
onCLS(remember)
onINP(remember)

// what the browser has observed, so the test can wait for it instead of sleeping
const seen = { layoutShift: false, slowEvents: 0 }
new PerformanceObserver((list) => {
  if (list.getEntries().some((entry) => (entry as PerformanceEntry & { hadRecentInput: boolean }).hadRecentInput === false)) seen.layoutShift = true
}).observe({ type: 'layout-shift', buffered: true })
new PerformanceObserver((list) => {
  seen.slowEvents += list.getEntries().filter((entry) => entry.name === 'click' && entry.duration >= 200).length
}).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit)

function block(ms: number) {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // the slow interaction: the main thread is busy
  }
}

const hero = document.createElement('img')
hero.id = 'hero'
hero.width = 300
hero.height = 200
hero.src = '/images/hero.png'
const slow = document.createElement('button')
slow.id = 'slow'
slow.textContent = 'Slow'
slow.addEventListener('click', () => block(200))
const slower = document.createElement('button')
slower.id = 'slower'
slower.textContent = 'Slower'
slower.addEventListener('click', () => block(400))
document.body.append(hero, slow, slower)

// once the image has painted, a banner pushes it down: the layout shift
hero.addEventListener('load', () => {
  requestAnimationFrame(() =>
    setTimeout(() => {
      const banner = document.createElement('div')
      banner.id = 'banner'
      banner.style.height = '120px'
      document.body.prepend(banner)
    }),
  )
})

let visibility: DocumentVisibilityState = 'visible'
markReady({
  seen: () => ({ ...seen }),
  interactions: () => interactions,
  push: (url: string) => history.pushState(null, '', url),
  references: () => references,
  stats: () => tracing.stats(),
  /**
   * Resolves after web-vitals has taken in the event entries: it does so in
   * an idle callback with a 1 s timeout, requested before this one with the
   * same timeout, so this runs after it (headless Chromium may have no idle
   * period at all, and then both run at their timeout, in order).
   */
  afterIdle: () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 1000 })),
  /** what switching tabs does: the page becomes hidden (or visible again) without being left */
  setVisibility(state: DocumentVisibilityState) {
    visibility = state
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => visibility === 'hidden' })
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
  },
})

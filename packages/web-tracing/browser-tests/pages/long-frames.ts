import { initWebTracing } from '@spanlight/web-tracing'
import { traceInteractions } from '@spanlight/web-tracing/interactions'
import { traceLongFrames } from '@spanlight/web-tracing/long-frames'
import { traceRoutes } from '@spanlight/web-tracing/routes'
// test only: the registry the entries share, the very module the entries above were bundled with (no public export)
import { noteInteraction, type InteractionRecord } from '../../dist/signals/page-activity.js'
import { config, markReady } from './test-config.js'

// A page with busy work: #busy blocks 200 ms in its click handler, and the
// busy script (loaded with a query) blocks in timers. With
// `withInteractions` the interactions entry records the clicks; with
// `noteInteractions` the page records each click in the entries' registry
// itself, with a span of its own; with `withRoutes`, traceRoutes runs.
const options = config as typeof config & {
  thresholdMs?: unknown
  maxFramesPerMinute?: unknown
  withRoutes?: boolean
  withInteractions?: boolean
  noteInteractions?: boolean
}

const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  exportDelayMs: 100,
  instrumentations: { documentLoad: false },
})
if (options.withRoutes) traceRoutes(tracing)
if (options.withInteractions) traceInteractions(tracing)
const started = traceLongFrames(tracing, {
  ...(options.thresholdMs === undefined ? {} : { thresholdMs: options.thresholdMs as number }),
  ...(options.maxFramesPerMinute === undefined ? {} : { maxFramesPerMinute: options.maxFramesPerMinute as number }),
})

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

// every long frame the browser reported after the page was ready (loading the page may take a long frame on a busy machine), so the test waits for them instead of sleeping
let readyAtMs = Infinity
const frameDurations: number[] = []
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.startTime >= readyAtMs) frameDurations.push(entry.duration)
}).observe({ type: 'long-animation-frame', buffered: true })

function block(ms: number) {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // busy: the main thread is blocked
  }
}
const busy = document.createElement('button')
busy.id = 'busy'
busy.textContent = 'Busy'
busy.addEventListener('click', function busyClick() {
  block(200)
  busy.textContent = 'Busy (clicked)'
})
document.body.append(busy)

type BusyScript = { timer(ms: number): void }
const busyScript = () => (window as unknown as { __BUSY__: BusyScript }).__BUSY__

readyAtMs = performance.now()
markReady({
  /** when the page was ready, ms since the epoch (span times are) */
  readyAtEpochMs: () => performance.timeOrigin + readyAtMs,
  started: () => started,
  startedAgain: () => traceLongFrames(tracing),
  frameDurations: () => frameDurations,
  interactions: () => interactions,
  /** loads the busy script, its URL with a secret in the query */
  loadBusyScript: () =>
    new Promise<void>((resolve, reject) => {
      const script = document.createElement('script')
      script.type = 'module'
      script.src = '/assets/long-frames-busy.js?token=s3cret-script&v=2'
      script.onload = () => resolve()
      script.onerror = () => reject(new Error('busy script failed to load'))
      document.head.append(script)
    }),
  busyTimer: (ms: number) => busyScript().timer(ms),
  /** a route change whose new page blocks `ms` as it renders */
  navigateBusy(url: string, ms: number) {
    history.pushState(null, '', url)
    busyScript().timer(ms)
  },
  flush: () => tracing.forceFlush(),
  stats: () => tracing.stats(),
})

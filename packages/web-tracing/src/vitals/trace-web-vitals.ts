import { context, trace, type Context, type Tracer } from '@opentelemetry/api'
import { onCLS, onFCP, onINP, onLCP, onTTFB, type MetricWithAttribution } from 'web-vitals/attribution'
import { createLogger, type Logger } from '../logger.js'
import { ATTR_PAGE_PATH, ATTR_PAGE_ROUTE, currentPage, interactionAt } from '../signals/page-activity.js'
import { describeWebVital } from './describe-web-vital.js'

/** Every line the vitals entry prints (after the `[spanlight]` prefix). */
export const VITALS_MESSAGES = {
  notInBrowser: 'traceWebVitals: not in a browser (or tracing is off); web vitals are not recorded',
  alreadyStarted: 'traceWebVitals was called again; web vitals are already recorded',
  startFailed: 'traceWebVitals: starting web-vitals failed; web vitals are not recorded',
  reportFailed: 'traceWebVitals: recording a web vital failed; ignored',
  routeFailed: 'traceWebVitals: the route callback threw; recording url.path only',
  reported: 'web vital',
} as const

export interface WebVitalsOptions {
  /**
   * The route template of the current page (`/orders/:id`), recorded as
   * `url.template` and `browser.page.route` next to `url.path` and
   * `browser.page.path` (`location.pathname`). Called when a vital is
   * reported. Default: the template `traceRoutes`' `route` callback gave
   * for the current page, when the `/routes` entry runs; else none.
   */
  route?: () => string | undefined
  /** print a `[spanlight]` debug line per recorded vital. Default: false */
  debug?: boolean
}

/** What `traceWebVitals` needs of `initWebTracing`'s handle. */
export interface WebVitalsTracing {
  readonly enabled: boolean
  readonly tracer: Tracer
}

let started = false

function newNavigationId(): string {
  const bytes = new Uint8Array(8)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * Records LCP, INP, CLS, FCP and TTFB, with attribution, as one span each
 * per page view (`web vital LCP`, …), from Google's `web-vitals` library.
 * web-vitals reports CLS and INP (and LCP without input) when the page is
 * hidden: on `visibilitychange`, before the export queue sends what is
 * pending at page exit, so they leave with that request. Never throws;
 * returns whether vitals are being recorded.
 */
export function traceWebVitals(tracing: WebVitalsTracing, options: WebVitalsOptions = {}): boolean {
  const logger = createLogger({ debug: options.debug === true })
  try {
    if (typeof window === 'undefined' || typeof document === 'undefined' || typeof PerformanceObserver === 'undefined' || !tracing?.enabled) {
      logger.debug(VITALS_MESSAGES.notInBrowser)
      return false
    }
    if (started) {
      logger.warn(VITALS_MESSAGES.alreadyStarted)
      return true
    }
    started = true
    start(tracing.tracer, options, logger)
    return true
  } catch (error) {
    logger.warn(VITALS_MESSAGES.startFailed, error)
    return false
  }
}

function start(tracer: Tracer, options: WebVitalsOptions, logger: Logger): void {
  let navigationId = newNavigationId()
  // a page restored from the back/forward cache is a new page view (web-vitals starts new metrics for it)
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) navigationId = newNavigationId()
  })
  // web-vitals reports CLS and INP again when they grew after the page was shown again: the first report of each metric instance is the one recorded
  const reported = new Set<string>()

  const routeTemplate = () => {
    if (!options.route) return undefined
    try {
      const template = options.route()
      return typeof template === 'string' ? template : undefined
    } catch (error) {
      logger.warn(VITALS_MESSAGES.routeFailed, error)
      return undefined
    }
  }

  const record = (metric: MetricWithAttribution) => {
    try {
      if (reported.has(metric.id)) return
      reported.add(metric.id)
      const template = routeTemplate() ?? currentPage()?.route
      const span = describeWebVital(metric, { now: performance.now(), navigationId, path: location.pathname, template })
      const started = tracer.startSpan(span.name, { startTime: span.startTime, attributes: span.attributes }, parentOf(metric))
      // the routes entry's span start hook wrote the page the app is on; the vital's page (its own route option first) is the one to keep
      started.setAttribute(ATTR_PAGE_PATH, location.pathname)
      if (template !== undefined) started.setAttribute(ATTR_PAGE_ROUTE, template)
      started.end(span.endTime)
      logger.debug(VITALS_MESSAGES.reported, metric.name, metric.value, metric.rating)
    } catch (error) {
      logger.warn(VITALS_MESSAGES.reportFailed, error)
    }
  }
  onTTFB(record)
  onFCP(record)
  onLCP(record)
  onCLS(record)
  onINP(record)
}

/**
 * INP's span is a child of the interaction that caused it, when the
 * interactions entry recorded one: web-vitals times the interaction from its
 * first event (`pointerdown`), the interactions entry from the `click`, which
 * comes within INP's duration of it. Every other vital is a trace of its own.
 */
function parentOf(metric: MetricWithAttribution): Context {
  const active = context.active()
  if (metric.name !== 'INP' || metric.attribution.interactionTime === undefined || metric.entries.length === 0) return active
  const interaction = interactionAt(metric.attribution.interactionTime, metric.value)
  return interaction ? trace.setSpanContext(active, interaction.spanContext) : active
}

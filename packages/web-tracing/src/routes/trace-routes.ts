import { context, SpanKind, trace, type Context, type Span, type Tracer } from '@opentelemetry/api'
import { createLogger, type Logger } from '../logger.js'
import { ATTR_PAGE_PATH, ATTR_PAGE_ROUTE, currentPage, interactionAt, notePage, type PageRecord } from '../signals/page-activity.js'
import { addSpanStartHook } from '../signals/span-start-hooks.js'
import { classifyNavigation, type LocationParts, type NavigationType } from './classify-navigation.js'
import { ATTR_NAVIGATION_END, ATTR_NAVIGATION_FROM_PATH, ATTR_NAVIGATION_TYPE, NAVIGATION_SPAN_PREFIX } from './route-attributes.js'
import { settleNavigation, type Settling } from './settle-navigation.js'
import { watchHistory } from './watch-history.js'

/** Every line the routes entry prints (after the `[spanlight]` prefix). */
export const ROUTES_MESSAGES = {
  notInBrowser: 'traceRoutes: not in a browser (or tracing is off); route changes are not recorded',
  alreadyStarted: 'traceRoutes was called again; route changes are already recorded',
  startFailed: 'traceRoutes: starting failed; route changes are not recorded',
  recordFailed: 'traceRoutes: recording a route change failed; ignored',
  routeFailed: 'traceRoutes: the route callback threw; recording the path only',
  navigation: 'navigation',
} as const

export interface RoutesOptions {
  /**
   * The route template of a path (`/orders/42` → `/orders/:id`), recorded as
   * `browser.page.route` and used as the span name instead of the path.
   * Called at each history change with the new `location.pathname` (and
   * `location.hash`, for hash routers), before the router has necessarily
   * updated its own state: match the path (`matchRoutes(routes, path)`)
   * rather than read the router's current match. Default: none.
   */
  route?: (path: string, hash: string) => string | undefined
  /** print a `[spanlight]` debug line per navigation. Default: false */
  debug?: boolean
}

/** What `traceRoutes` needs of `initWebTracing`'s handle. */
export interface RoutesTracing {
  readonly enabled: boolean
  readonly tracer: Tracer
}

let started = false

/**
 * Records each route change of a single-page app (History API and hash
 * changes) as a span `navigation <route or path>`, from the change until the
 * page settled, and puts the current page (`browser.page.path`,
 * `browser.page.route`) on every span started from then on. Never throws;
 * returns whether route changes are being recorded. Calling it again does
 * nothing more.
 */
export function traceRoutes(tracing: RoutesTracing, options: RoutesOptions = {}): boolean {
  const logger = createLogger({ debug: options?.debug === true })
  try {
    if (typeof window === 'undefined' || typeof history === 'undefined' || typeof performance === 'undefined' || !tracing?.enabled) {
      logger.debug(ROUTES_MESSAGES.notInBrowser)
      return false
    }
    if (started) {
      logger.warn(ROUTES_MESSAGES.alreadyStarted)
      return true
    }
    started = true
    start(tracing.tracer, options ?? {}, logger)
    return true
  } catch (error) {
    logger.warn(ROUTES_MESSAGES.startFailed, error)
    return false
  }
}

interface OpenNavigation {
  span: Span
  settling: Settling
}

function start(tracer: Tracer, options: RoutesOptions, logger: Logger): void {
  let routeFailed = false
  const routeOf = (path: string, hash: string): string | undefined => {
    if (typeof options.route !== 'function') return undefined
    try {
      const template = options.route(path, hash)
      return typeof template === 'string' && template !== '' ? template : undefined
    } catch (error) {
      // once: it would throw the same way on every navigation
      if (!routeFailed) logger.warn(ROUTES_MESSAGES.routeFailed, error)
      routeFailed = true
      return undefined
    }
  }

  let last = locationParts()
  notePage({ path: last.pathname, route: routeOf(last.pathname, last.hash), startTimeMs: 0 })
  let open: OpenNavigation | undefined

  addSpanStartHook((span) => {
    const page = currentPage()
    if (page) {
      span.setAttribute(ATTR_PAGE_PATH, page.path)
      if (page.route !== undefined) span.setAttribute(ATTR_PAGE_ROUTE, page.route)
    }
    // a request the new page makes while it loads: the navigation lasts until it ended
    if (open && isClientSpan(span)) callWhenEnded(span, open.settling.requestStarted())
  })

  const startNavigation = (type: NavigationType, from: LocationParts, to: LocationParts) => {
    const startTimeMs = performance.now()
    open?.settling.finish('next_navigation', startTimeMs)
    const route = routeOf(to.pathname, to.hash)
    const newPage = { path: to.pathname, route, startTimeMs }
    // noted first, so that the span start hook gives the navigation span the new page
    notePage(newPage)
    const span = tracer.startSpan(
      `${NAVIGATION_SPAN_PREFIX}${route ?? to.pathname}`,
      {
        startTime: startTimeMs,
        attributes: {
          [ATTR_NAVIGATION_TYPE]: type,
          [ATTR_PAGE_PATH]: to.pathname,
          ...(route === undefined ? {} : { [ATTR_PAGE_ROUTE]: route }),
          [ATTR_NAVIGATION_FROM_PATH]: from.pathname,
        },
      },
      navigationParent(startTimeMs),
    )
    const page: PageRecord = { ...newPage, spanContext: span.spanContext() }
    notePage(page)
    const navigation: OpenNavigation = {
      span,
      settling: settleNavigation({
        startTimeMs,
        now: () => performance.now(),
        afterNextPaint,
        onSettled(endTimeMs, reason) {
          span.setAttribute(ATTR_NAVIGATION_END, reason)
          span.end(endTimeMs)
          page.endTimeMs = endTimeMs
          if (open === navigation) open = undefined
        },
      }),
    }
    open = navigation
    logger.debug(ROUTES_MESSAGES.navigation, type, route ?? to.pathname)
  }

  watchHistory((signal) => {
    try {
      const next = locationParts()
      const type = classifyNavigation(signal, last, next)
      const from = last
      // a popstate that only changed the fragment is recorded by the hashchange after it: keep comparing against the old location
      if (type !== undefined || signal !== 'pop') last = next
      if (type !== undefined) startNavigation(type, from, next)
    } catch (error) {
      logger.warn(ROUTES_MESSAGES.recordFailed, error)
    }
  })

  // a hidden page neither paints nor finishes loading in any useful sense: end the navigation now, so it leaves with the page-exit export
  const endOnHide = () => open?.settling.finish('page_hide', performance.now())
  window.addEventListener('pagehide', endOnHide)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') endOnHide()
  })
}

function locationParts(): LocationParts {
  return { pathname: location.pathname, search: location.search, hash: location.hash }
}

/** The span the app's code is in when it navigates; else an interaction still going on (context lost across an `await`); else none. */
function navigationParent(timeMs: number): Context {
  const active = context.active()
  if (trace.getSpan(active)) return active
  const interaction = interactionAt(timeMs)
  return interaction ? trace.setSpanContext(active, interaction.spanContext) : active
}

/** The new route has rendered once the frame after the change was painted: a task queued from `requestAnimationFrame` runs after that paint. */
function afterNextPaint(callback: () => void): void {
  requestAnimationFrame(() => setTimeout(callback, 0))
}

/** Fetch and XHR spans are CLIENT spans (the SDK span's `kind`, not on the API's `Span` type). */
function isClientSpan(span: Span): boolean {
  return (span as unknown as { kind?: SpanKind }).kind === SpanKind.CLIENT
}

/** Calls `ended` after `span.end()`: the span processor has no end hook for opt-in entries. */
function callWhenEnded(span: Span, ended: () => void): void {
  const end = span.end
  span.end = function (this: Span, ...args: Parameters<Span['end']>) {
    try {
      end.apply(this, args)
    } finally {
      ended()
    }
  }
}

import { context, propagation, ROOT_CONTEXT, trace, type Context, type Tracer } from '@opentelemetry/api'
import { addSpanNetworkEvent, addSpanNetworkEvents, type PerformanceEntries } from '@opentelemetry/web-common'

/** Span names, as `@opentelemetry/instrumentation-document-load` names them. */
export const DOCUMENT_LOAD_SPAN = 'documentLoad'
export const DOCUMENT_FETCH_SPAN = 'documentFetch'
export const RESOURCE_FETCH_SPAN = 'resourceFetch'

const ROOT_EVENTS = [
  'fetchStart',
  'unloadEventStart',
  'unloadEventEnd',
  'domInteractive',
  'domContentLoadedEventStart',
  'domContentLoadedEventEnd',
  'domComplete',
  'loadEventStart',
  'loadEventEnd',
] as const

/** The server's trace from `<meta name="traceparent" content="…">`, so the page load joins it. */
function serverContext(): Context {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="traceparent"]')
  const traceparent = meta?.content ?? ''
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT
}

function record(tracer: Tracer): void {
  const navigation = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined
  if (!navigation) return
  const entries = navigation as unknown as PerformanceEntries
  const root = tracer.startSpan(
    DOCUMENT_LOAD_SPAN,
    { startTime: navigation.fetchStart, attributes: { 'url.full': location.href, 'user_agent.original': navigator.userAgent } },
    serverContext(),
  )
  const rootContext = trace.setSpan(context.active(), root)
  const documentFetch = tracer.startSpan(DOCUMENT_FETCH_SPAN, { startTime: navigation.fetchStart, attributes: { 'url.full': location.href } }, rootContext)
  addSpanNetworkEvents(documentFetch, entries)
  documentFetch.end(navigation.responseEnd)
  for (const resource of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    const span = tracer.startSpan(RESOURCE_FETCH_SPAN, { startTime: resource.fetchStart, attributes: { 'url.full': resource.name } }, rootContext)
    addSpanNetworkEvents(span, resource as unknown as PerformanceEntries)
    span.end(resource.responseEnd)
  }
  for (const name of ROOT_EVENTS) addSpanNetworkEvent(root, name, entries)
  for (const paint of performance.getEntriesByType('paint')) root.addEvent(paint.name, paint.startTime)
  root.end(navigation.loadEventEnd || undefined)
}

/**
 * Records the page load once the load event has finished: a `documentLoad`
 * span (joined to a server-rendered `<meta name="traceparent">`) with a
 * `documentFetch` child and a `resourceFetch` child per resource, timed
 * from the Navigation and Resource Timing entries. Returns a canceller.
 */
export function traceDocumentLoad(tracer: Tracer): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  // loadEventEnd is only set after the load handlers ran: wait one task
  const onLoad = () => {
    timer = setTimeout(() => {
      try {
        record(tracer)
      } catch {
        // a missing timing API must not break the page
      }
    })
  }
  if (document.readyState === 'complete') onLoad()
  else window.addEventListener('load', onLoad, { once: true })
  return () => {
    window.removeEventListener('load', onLoad)
    if (timer !== undefined) clearTimeout(timer)
  }
}

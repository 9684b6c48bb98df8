// Answers of the embedded store's query API, built in its documented shapes (packages/trace-store/README.md,
// packages/trace-store/src/query/trace-views.ts), for adapter and route tests served by `fixture-server.ts`.

import type { SpanView } from '@spanlight/trace-store'

export const STORE_TRACE_ID = '5b8efff798038103d269b633813fc60c'

/** One span as GET /api/traces/:id sends it; overrides may break its shape on purpose (tests of the checks). */
export const makeStoreSpan = (overrides: { [Key in keyof SpanView]?: unknown } = {}): SpanView => ({
  traceId: STORE_TRACE_ID,
  spanId: 'c8d93156b47cd010',
  parentSpanId: null,
  traceState: '',
  flags: 1,
  name: 'checkout click',
  kind: 2,
  startTimeUnixNano: '1782036644636668000',
  endTimeUnixNano: '1782036644936668000',
  durationMs: 300,
  status: { code: 0, message: '' },
  serviceName: 'web',
  resourceId: 0,
  scopeId: 0,
  attributes: [{ key: 'http.route', value: { stringValue: '/checkout' } }],
  droppedAttributesCount: 0,
  events: [],
  droppedEventsCount: 0,
  links: [],
  droppedLinksCount: 0,
  ...(overrides as Partial<SpanView>),
})

/** web: checkout click ── web: POST /api/checkout (error, 10.0015 ms after the start) */
export const twoStoreSpans = (childOverrides: Parameters<typeof makeStoreSpan>[0] = {}) => [
  makeStoreSpan(),
  makeStoreSpan({
    spanId: '9082d67808fc8870',
    parentSpanId: 'c8d93156b47cd010',
    name: 'POST /api/checkout',
    startTimeUnixNano: '1782036644646669500',
    status: { code: 2, message: 'boom' },
    ...childOverrides,
  }),
]

/** GET /api/traces/:id: the whole trace with its resources and scopes. */
export const storeTraceView = (spans: unknown[], traceId = STORE_TRACE_ID) => ({
  traceId,
  summary: {},
  resources: { 0: { attributes: [{ key: 'service.name', value: { stringValue: 'web' } }], droppedAttributesCount: 0 } },
  scopes: { 0: { name: 'test', version: '1', attributes: [] } },
  spans,
})

/** GET /api/traces/:id/spans/:spanId: one span with the resource and scope the whole trace has for it. */
export const storeSpanView = (span: SpanView) => {
  const { resources, scopes, traceId } = storeTraceView([span])
  return { traceId, resources, scopes, span }
}

/** GET /api/traces/:id/outline: every span field but attributes, events, links and dropped counts, durationMs first. */
export const storeOutlineView = (spans: SpanView[], traceId = STORE_TRACE_ID) => ({
  traceId,
  summary: {
    traceId,
    rootServiceName: 'web',
    rootSpanName: 'checkout click',
    startTimeUnixNano: '1782036644636668000',
    durationMs: 300,
    spanCount: spans.length,
    errorCount: 1,
    services: [{ name: 'web', spanCount: spans.length, errorCount: 1 }],
  },
  spans: spans.map(
    ({ durationMs, spanId, parentSpanId, traceState, flags, name, kind, startTimeUnixNano, endTimeUnixNano, status, serviceName, resourceId, scopeId }) => ({
      durationMs,
      spanId,
      parentSpanId,
      traceState,
      flags,
      name,
      kind,
      startTimeUnixNano,
      endTimeUnixNano,
      status,
      serviceName,
      resourceId,
      scopeId,
    }),
  ),
})

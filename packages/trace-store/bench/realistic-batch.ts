import { randomBytes } from 'node:crypto'

// Batches shaped like a browser + API + database system: each trace is a
// click → fetch → server → handler → several db/cache calls, 16 spans, four
// services, 10-20 attributes per span, some events and errors.

const SERVICES = ['demo-web', 'demo-api', 'auth-service', 'orders-db'] as const
export const SPANS_PER_TRACE = 16
const HTTP_ROUTES = ['/api/activities/home', '/api/activities/search', '/api/users/:handle', '/api/activities', '/api/notifications']

function stringAttribute(key: string, value: string) {
  return { key, value: { stringValue: value } }
}
function intAttribute(key: string, value: number) {
  return { key, value: { intValue: String(value) } }
}

function attributesFor(service: string, index: number, traceIndex: number) {
  const route = HTTP_ROUTES[traceIndex % HTTP_ROUTES.length]!
  const attributes = [
    stringAttribute('http.request.method', index % 3 === 0 ? 'POST' : 'GET'),
    stringAttribute('url.full', `http://127.0.0.1:4567${route}?page=${index}`),
    stringAttribute('http.route', route),
    intAttribute('http.response.status_code', index % 17 === 0 ? 500 : 200),
    stringAttribute('server.address', '127.0.0.1'),
    intAttribute('server.port', 4567),
    stringAttribute('network.protocol.version', '1.1'),
    stringAttribute('user_agent.original', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/156.0 Safari/537.36'),
    stringAttribute('session.id', `session-${traceIndex % 50}`),
    stringAttribute('app.tenant', `tenant-${traceIndex % 20}`),
    { key: 'app.cache_hit', value: { boolValue: index % 2 === 0 } },
    { key: 'app.ratio', value: { doubleValue: (index % 10) / 10 } },
  ]
  if (service === 'orders-db') {
    attributes.push(
      stringAttribute('db.system.name', 'sqlite'),
      stringAttribute('db.operation.name', 'SELECT'),
      stringAttribute('db.collection.name', 'activities'),
      stringAttribute('db.query.text', 'SELECT id, handle, message, created_at FROM activities WHERE created_at > ? ORDER BY created_at DESC LIMIT 20'),
      intAttribute('db.response.returned_rows', index * 3),
    )
  }
  for (let extra = 0; extra < index % 6; extra += 1) attributes.push(stringAttribute(`app.extra_${extra}`, `value-${extra}-${index}`))
  return attributes
}

export interface BatchOptions {
  /** spans per batch (a multiple of SPANS_PER_TRACE) */
  spanCount: number
  /** first trace's start time */
  startTimeUnixNano: bigint
}

/** One OTLP JSON export request; ids are random, so every call makes new traces. */
export function makeRealisticBatch({ spanCount, startTimeUnixNano }: BatchOptions) {
  const spansByService = new Map<string, unknown[]>(SERVICES.map((service) => [service, []]))
  if (spanCount % SPANS_PER_TRACE !== 0) throw new Error(`spanCount must be a multiple of ${SPANS_PER_TRACE}`)
  const traceCount = spanCount / SPANS_PER_TRACE
  for (let traceIndex = 0; traceIndex < traceCount; traceIndex += 1) {
    const traceId = randomBytes(16).toString('hex')
    const traceStartNs = startTimeUnixNano + BigInt(traceIndex) * 1_000_000n
    const spanIds = Array.from({ length: SPANS_PER_TRACE }, () => randomBytes(8).toString('hex'))
    for (let index = 0; index < SPANS_PER_TRACE; index += 1) {
      const service = SERVICES[index < 2 ? 0 : index < 4 ? 1 : index < 8 ? 2 : 3]!
      const parentIndex = index === 0 ? -1 : index < 4 ? index - 1 : 3
      const startNs = traceStartNs + BigInt(index) * 2_000_000n
      const durationNs = BigInt(1 + ((index * 7919 + traceIndex) % 400)) * 1_000_000n
      const isError = (traceIndex + index) % 97 === 0
      spansByService.get(service)!.push({
        traceId,
        spanId: spanIds[index],
        ...(parentIndex >= 0 ? { parentSpanId: spanIds[parentIndex] } : {}),
        name: index === 0 ? 'click' : index === 1 ? 'HTTP GET' : index < 4 ? 'GET /api/activities/home' : `SELECT activities ${index % 5}`,
        kind: index === 1 ? 3 : index === 2 ? 2 : 1,
        startTimeUnixNano: startNs.toString(),
        endTimeUnixNano: (startNs + durationNs).toString(),
        attributes: attributesFor(service, index, traceIndex),
        events: index % 8 === 0 ? [{ timeUnixNano: startNs.toString(), name: 'cache.miss', attributes: [stringAttribute('cache.key', `k-${index}`)] }] : [],
        status: isError ? { code: 2, message: 'upstream failed' } : { code: 0 },
      })
    }
  }
  return {
    resourceSpans: SERVICES.map((service) => ({
      resource: {
        attributes: [
          stringAttribute('service.name', service),
          stringAttribute('service.version', '1.4.2'),
          stringAttribute('deployment.environment.name', 'bench'),
          stringAttribute('telemetry.sdk.language', service === 'demo-web' ? 'webjs' : 'nodejs'),
        ],
      },
      scopeSpans: [{ scope: { name: '@spanlight/bench', version: '0.1.0' }, spans: spansByService.get(service)! }],
    })),
  }
}

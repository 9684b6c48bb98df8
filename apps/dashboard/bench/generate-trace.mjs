// Generates a large, realistic trace as OTLP JSON batches: one browser documentLoad root, then interactions,
// each a fetch → API → auth/orders/payments → db/cache/queue chain across 8 services, depth up to 9,
// 8–15 attributes per span, about 1% error spans and 6% spans with events.
import { randomBytes } from 'node:crypto'

const SERVICES = ['web', 'api-gateway', 'auth', 'orders', 'payments', 'inventory', 'postgres', 'redis']

function hex(bytes) {
  return randomBytes(bytes).toString('hex')
}

function attrs(count, seed) {
  const list = [
    { key: 'http.request.method', value: { stringValue: 'GET' } },
    { key: 'url.path', value: { stringValue: `/api/orders/${seed}` } },
    { key: 'http.response.status_code', value: { intValue: '200' } },
    { key: 'server.address', value: { stringValue: 'orders.internal' } },
    { key: 'user.id', value: { stringValue: `user-${seed % 97}` } },
    { key: 'db.system', value: { stringValue: 'postgresql' } },
    { key: 'db.statement', value: { stringValue: `SELECT * FROM orders WHERE id = ${seed}` } },
    { key: 'net.peer.port', value: { intValue: '5432' } },
    { key: 'thread.id', value: { intValue: String(seed % 16) } },
    { key: 'code.function', value: { stringValue: `handler${seed % 13}` } },
    { key: 'feature.flag', value: { boolValue: seed % 2 === 0 } },
    { key: 'retry.count', value: { intValue: String(seed % 3) } },
    { key: 'cache.hit', value: { boolValue: seed % 3 === 0 } },
    { key: 'region', value: { stringValue: 'eu-west-1' } },
    { key: 'payload.size', value: { doubleValue: seed * 1.5 } },
  ]
  return list.slice(0, count)
}

/** @returns {{ traceId: string, batches: object[], spanCount: number }} */
export function generateTrace({ spanCount = 10_000, startMs = Date.now() - 120_000, traceId = hex(16) } = {}) {
  const spansByService = new Map(SERVICES.map((service) => [service, []]))
  const startNs = BigInt(startMs) * 1_000_000n
  let made = 0
  let seed = 1
  const add = (service, name, kind, parentSpanId, offsetUs, durationUs) => {
    const spanId = hex(8)
    seed += 1
    const error = seed % 100 === 0
    const withEvent = seed % 17 === 0
    const span = {
      traceId,
      spanId,
      ...(parentSpanId ? { parentSpanId } : {}),
      name,
      kind,
      startTimeUnixNano: String(startNs + BigInt(offsetUs) * 1000n),
      endTimeUnixNano: String(startNs + BigInt(offsetUs + durationUs) * 1000n),
      attributes: attrs(8 + (seed % 8), seed),
      status: error ? { code: 2, message: 'upstream failed' } : { code: 0 },
      events: withEvent
        ? [
            {
              timeUnixNano: String(startNs + BigInt(offsetUs + 1) * 1000n),
              name: error ? 'exception' : 'cache.miss',
              attributes: error
                ? [
                    { key: 'exception.type', value: { stringValue: 'Error' } },
                    { key: 'exception.message', value: { stringValue: 'boom' } },
                    { key: 'exception.stacktrace', value: { stringValue: 'Error: boom\n    at handler (orders.js:10:5)' } },
                  ]
                : [],
            },
          ]
        : [],
    }
    spansByService.get(service).push(span)
    made += 1
    return spanId
  }

  const root = add('web', 'documentLoad', 1, null, 0, 0)
  const rootSpan = spansByService.get('web')[0]
  let offsetUs = 1000
  // one interaction makes about 33 spans along chains up to depth 9
  while (made < spanCount) {
    const click = add('web', 'click', 1, root, offsetUs, 300_000)
    const fetchSpan = add('web', 'HTTP GET', 3, click, offsetUs + 1000, 250_000)
    const api = add('api-gateway', 'GET /api/orders', 2, fetchSpan, offsetUs + 3000, 240_000)
    for (const [service, op] of [
      ['auth', 'verify token'],
      ['orders', 'load order'],
      ['payments', 'charge'],
      ['inventory', 'reserve'],
    ]) {
      if (made >= spanCount) break
      const call = add('api-gateway', `${op} call`, 3, api, offsetUs + 5000, 60_000)
      const handler = add(service, op, 2, call, offsetUs + 6000, 55_000)
      let parent = handler
      for (let depth = 0; depth < 3 && made < spanCount; depth += 1) {
        const inner = add(service, `${op} step ${depth}`, 1, parent, offsetUs + 7000 + depth * 1000, 40_000 - depth * 5000)
        add('postgres', 'SELECT orders', 3, inner, offsetUs + 7500 + depth * 1000, 3000)
        if (made < spanCount) add('redis', 'GET session', 3, inner, offsetUs + 7600 + depth * 1000, 500)
        parent = inner
      }
    }
    offsetUs += 350_000
  }
  // the page lives as long as its interactions
  rootSpan.endTimeUnixNano = String(startNs + BigInt(offsetUs) * 1000n)

  const resourceSpans = [...spansByService.entries()].filter(([, spans]) => spans.length > 0).map(([service, spans]) => ({ service, spans }))
  // batches of at most 2,000 spans keep each request well under the store's body limit
  const batches = []
  for (const { service, spans } of resourceSpans) {
    for (let index = 0; index < spans.length; index += 2000) {
      batches.push({
        resourceSpans: [
          {
            resource: {
              attributes: [
                { key: 'service.name', value: { stringValue: service } },
                { key: 'deployment.environment', value: { stringValue: 'bench' } },
              ],
            },
            scopeSpans: [{ scope: { name: 'spanlight-bench', version: '1.0.0' }, spans: spans.slice(index, index + 2000) }],
          },
        ],
      })
    }
  }
  return { traceId, batches, spanCount: made }
}

/** POSTs the batches to a store's /v1/traces. */
export async function sendTrace(storeUrl, batches, headers = {}) {
  for (const batch of batches) {
    const response = await fetch(`${storeUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(batch),
    })
    if (!response.ok) throw new Error(`store rejected a batch: HTTP ${response.status} ${await response.text()}`)
  }
}

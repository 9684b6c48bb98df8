import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeRequest, makeSpan, newSpanId, newTraceId } from '../../test-support/otlp-builders.js'
import { getJson, postJson, startTestStore } from '../../test-support/test-store.js'
import type { DependenciesView } from '../query/service-dependencies.js'

type Store = Awaited<ReturnType<typeof startTestStore>>
const NOW_MS = Date.now()

function ns(ms: number): string {
  return (BigInt(ms) * 1_000_000n).toString()
}

/**
 * web  click ─ fetch ──▶ api  GET /cart ─┬─ api  render (same service: no call)
 *                                         └─▶ db  SELECT (ERROR in the second trace)
 * sent child first, one service per request, as three processes would
 */
async function sendCheckout(store: Store, startMs: number, dbFails: boolean): Promise<void> {
  const traceId = newTraceId()
  const [click, fetchSpan, server, render] = [newSpanId(), newSpanId(), newSpanId(), newSpanId()]
  const at = (offsetMs: number) => ({ startTimeUnixNano: ns(startMs + offsetMs), endTimeUnixNano: ns(startMs + offsetMs + 5) })
  const requests = [
    makeRequest('db', [makeSpan({ traceId, parentSpanId: server, name: 'SELECT', ...at(3), ...(dbFails ? { status: { code: 2 } } : {}) })]),
    makeRequest('api', [
      makeSpan({ traceId, spanId: server, parentSpanId: fetchSpan, name: 'GET /cart', kind: 2, ...at(2) }),
      makeSpan({ traceId, spanId: render, parentSpanId: server, name: 'render', ...at(4) }),
    ]),
    makeRequest('web', [
      makeSpan({ traceId, spanId: click, name: 'click', ...at(0) }),
      makeSpan({ traceId, spanId: fetchSpan, parentSpanId: click, name: 'GET', kind: 3, ...at(1) }),
    ]),
  ]
  for (const request of requests) expect((await postJson(`${store.url}/v1/traces`, request)).status).toBe(200)
}

describe('GET /api/dependencies', () => {
  let store: Store
  beforeAll(async () => {
    store = await startTestStore()
    await sendCheckout(store, NOW_MS - 60_000, false)
    await sendCheckout(store, NOW_MS - 30_000, true)
    // two hours ago: outside the default hour
    await sendCheckout(store, NOW_MS - 2 * 60 * 60_000, true)
  })
  afterAll(() => store.close())

  it('counts calls across services, and the failed ones, over the last hour by default', async () => {
    const { status, body } = await getJson<DependenciesView>(`${store.url}/api/dependencies`)
    expect(status).toBe(200)
    expect(body).toEqual({
      dependencies: [
        { parent: 'api', child: 'db', callCount: 2, errorCount: 1 },
        { parent: 'web', child: 'api', callCount: 2, errorCount: 0 },
      ],
      traceCount: 2,
      truncated: false,
    })
  })

  it('takes a start time range', async () => {
    const { body } = await getJson<DependenciesView>(`${store.url}/api/dependencies?startFromMs=${NOW_MS - 3 * 60 * 60_000}&startToMs=${NOW_MS - 60 * 60_000}`)
    expect(body.traceCount).toBe(1)
    expect(body.dependencies).toContainEqual({ parent: 'api', child: 'db', callCount: 1, errorCount: 1 })
  })

  it('refuses a range that ends before it starts, and a time that is not unix ms, naming the parameter', async () => {
    const reversed = await getJson<{ error: { message: string } }>(`${store.url}/api/dependencies?startFromMs=2000&startToMs=1000`)
    expect([reversed.status, reversed.body.error.message]).toEqual([400, 'startFromMs: must not be after startToMs'])
    const bad = await getJson<{ error: { message: string } }>(`${store.url}/api/dependencies?startFromMs=yesterday`)
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('startFromMs')
    const unknown = await getJson<{ error: { message: string } }>(`${store.url}/api/dependencies?lookback=1h`)
    expect(unknown.status).toBe(400)
  })
})

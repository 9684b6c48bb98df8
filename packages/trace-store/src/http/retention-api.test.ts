import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { getJson, postJson, startTestStore } from '../../test-support/test-store.js'

type Store = Awaited<ReturnType<typeof startTestStore>>

async function postTrace(store: Store, serviceName: string, spanName: string, startTimeUnixNano: string, spanCount: number): Promise<void> {
  const traceId = newTraceId()
  const spans = Array.from({ length: spanCount }, () => makeSpan({ traceId, name: spanName, startTimeUnixNano, endTimeUnixNano: startTimeUnixNano }))
  expect((await postJson(`${store.url}/v1/traces`, makeRequest(serviceName, spans))).status).toBe(200)
}

describe('the query API after retention', () => {
  let store: Store
  beforeAll(async () => {
    store = await startTestStore({ retentionMaxSpans: 10 })
  })
  afterAll(() => store.close())

  it('lists no service or operation that only deleted spans had', async () => {
    const nowNs = BigInt(Date.now()) * 1_000_000n
    await postTrace(store, 'gone-svc', 'gone-op', String(nowNs - 3n), 4)
    await postTrace(store, 'api', 'old-op', String(nowNs - 2n), 4)
    // 14 spans pass the limit of 10: the oldest traces go until 9 or fewer are left
    await postTrace(store, 'api', 'GET /feed', String(nowNs - 1n), 6)

    expect((await getJson(`${store.url}/api/services`)).body).toEqual({ services: ['api'] })
    expect((await getJson(`${store.url}/api/operations?service=api`)).body).toEqual({ operations: [{ name: 'GET /feed', spanKind: 1 }] })
    expect((await getJson(`${store.url}/api/operations?service=gone-svc`)).body).toEqual({ operations: [] })
  })
})

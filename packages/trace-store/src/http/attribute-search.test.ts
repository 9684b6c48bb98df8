import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { probeOf, probeSeed } from '../../test-support/digest-probes.js'
import { getJson, postJson, startTestStore } from '../../test-support/test-store.js'
import type { SearchPage } from '../query/trace-queries.js'

type Store = Awaited<ReturnType<typeof startTestStore>>

function stringAttribute(key: string, value: string) {
  return { key, value: { stringValue: value } }
}

async function sendSpan(store: Store, service: string, name: string, attributes: { key: string; value: unknown }[]): Promise<string> {
  const traceId = newTraceId()
  const response = await postJson(`${store.url}/v1/traces`, makeRequest(service, [makeSpan({ traceId, name, attributes })]))
  expect(await response.json()).toEqual({})
  return traceId
}

async function searchIds(store: Store, filters: [string, string][]): Promise<string[]> {
  const query = new URLSearchParams([...filters, ['limit', '1000']])
  const response = await getJson<SearchPage>(`${store.url}/api/traces?${query}`)
  expect(response.status).toBe(200)
  return response.body.traces.map((trace) => trace.traceId)
}

// Search compares digest lines as text: keys and values holding the digest's own separators must not match other pairs.
describe('attribute search with separators in keys and values', () => {
  let store: Store
  beforeAll(async () => {
    store = await startTestStore({ ingestWorkers: 0 })
  })
  afterAll(() => store.close())

  it('does not match a key and value that only join to the same text', async () => {
    const traceId = await sendSpan(store, 'api', 'work', [stringAttribute('a\u001fb', 'c')])
    expect(await searchIds(store, [['attribute', 'a\u001fb=c']])).toEqual([traceId])
    expect(await searchIds(store, [['attribute', 'a=b\u001fc']])).not.toContain(traceId)
  })

  it('tells a newline from a backslash and an n', async () => {
    const newline = await sendSpan(store, 'api', 'work', [stringAttribute('note', 'x\ny')])
    const backslash = await sendSpan(store, 'api', 'work', [stringAttribute('note', 'x\\ny')])
    expect(await searchIds(store, [['attribute', 'note=x\ny']])).toEqual([newline])
    expect(await searchIds(store, [['attribute', 'note=x\\ny']])).toEqual([backslash])
  })

  it('does not take an attribute for a span name or a service', async () => {
    const traceId = await sendSpan(store, 'web', 'render', [
      stringAttribute('\u0002span.name', 'checkout'),
      stringAttribute('\u0002service.span.name', 'shop\u001fpay'),
    ])
    expect(await searchIds(store, [['name', 'checkout']])).not.toContain(traceId)
    expect(await searchIds(store, [['service', 'shop']])).not.toContain(traceId)
    expect(await searchIds(store, [['attribute', '\u0002span.name=checkout']])).toEqual([traceId])
  })

  it('does not match a service and span name that only join to the same text', async () => {
    const traceId = await sendSpan(store, 'shop\u001fcart', 'pay', [])
    expect(await searchIds(store, [['service', 'shop\u001fcart']])).toEqual([traceId])
    expect(
      await searchIds(store, [
        ['service', 'shop'],
        ['name', 'cart\u001fpay'],
      ]),
    ).not.toContain(traceId)
    expect(await searchIds(store, [['service', 'shop']])).not.toContain(traceId)
  })

  it('finds a trace for (key, value) exactly when one of its spans has that attribute', async () => {
    const text = (minLength: number) =>
      fc.string({ unit: fc.constantFrom('a', 'n', 's', '\\', '\n', '\u001f', '\u0002', '\u0001', '\u0000'), minLength, maxLength: 4 })
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(text(1), text(0)), { minLength: 1, maxLength: 4, selector: ([key]) => key }),
        probeSeed(),
        fc.tuple(text(1), text(0)),
        async (pairs, seed, randomProbe) => {
          const [key, value] = probeOf(pairs, seed, randomProbe)
          // the query API cannot ask for an empty key or one with '='
          fc.pre(key !== '' && !key.includes('='))
          // a key of this run's own keeps the earlier runs' traces out of the answer
          const run = newTraceId()
          const traceId = await sendSpan(store, 'property', 'work', [stringAttribute('run', run), ...pairs.map(([k, v]) => stringAttribute(k, v))])
          const found = await searchIds(store, [
            ['attribute', `run=${run}`],
            ['attribute', `${key}=${value}`],
          ])
          const has = pairs.some(([spanKey, spanValue]) => spanKey === key && spanValue === value)
          expect(found).toEqual(has ? [traceId] : [])
        },
      ),
      { numRuns: 40 },
    )
  })
})

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { getJson, postJson, startTestStore } from '../../test-support/test-store.js'
import type { SearchPage } from '../query/trace-queries.js'
import { MAX_TIMESTAMP_AHEAD_SEC } from '../rollbar/occurrence-facts.js'
import { MAX_QUERY_MS } from './parse-search-params.js'
import { MAX_PAGE } from './rollbar-routes.js'

type Store = Awaited<ReturnType<typeof startTestStore>>
type QueryError = { error: { code: string; message: string } }

const ONE_DAY_SEC = 86_400

interface ItemsPage {
  result: { items: { id: number; title: string; last_occurrence_timestamp: number }[] }
}

function postRollbarItem(store: Store, title: string, timestamp: unknown) {
  return postJson(
    `${store.url}/api/1/item/`,
    { data: { environment: 'numbers', timestamp, body: { message: { body: title } } } },
    { 'x-rollbar-access-token': 'local' },
  )
}

// Numbers the store cannot hold (its times are int64 ns) must get a 400 that names the parameter and its range, never a 500.
describe('numeric input of the query and Rollbar APIs', () => {
  let store: Store
  const traceId = newTraceId()

  beforeAll(async () => {
    store = await startTestStore()
    const span = makeSpan({ traceId, startTimeUnixNano: '1718000000000000000', endTimeUnixNano: '1718000000100000000' })
    expect((await postJson(`${store.url}/v1/traces`, makeRequest('api', [span]))).status).toBe(200)
  })
  afterAll(() => store.close())

  it('answers a lower bound beyond what the store can hold with 400 naming the parameter and its range', async () => {
    for (const query of ['minDurationMs=1e300', 'startFromMs=9999999999999', `startFromMs=${MAX_QUERY_MS + 1}`]) {
      const response = await getJson<QueryError>(`${store.url}/api/traces?${query}`)
      expect(response.status, query).toBe(400)
      expect(response.body.error.code).toBe('bad_request')
      expect(response.body.error.message).toBe(`${query.split('=')[0]}: must be from 0 to ${MAX_QUERY_MS}`)
    }
  })

  it('names the range of a search limit and a Rollbar page that is out of it', async () => {
    const limit = await getJson<QueryError>(`${store.url}/api/traces?limit=1e300`)
    expect(limit.body.error.message).toBe('limit: must be a whole number from 1 to 1000')
    for (const path of ['/api/1/items?page=1e300', '/api/1/item/1/instances?page=0.5']) {
      const page = await getJson<{ err: number; message: string }>(`${store.url}${path}`)
      expect(page.status, path).toBe(400)
      expect(page.body.message).toBe(`page: must be a whole number from 1 to ${MAX_PAGE}`)
    }
  })

  it('reads an upper bound beyond what the store can hold as no bound at all', async () => {
    for (const query of ['maxDurationMs=1e13', 'maxDurationMs=1e300', 'startToMs=9999999999999', `startToMs=${Number.MAX_SAFE_INTEGER}`]) {
      const response = await getJson<SearchPage>(`${store.url}/api/traces?${query}`)
      expect(response.status, query).toBe(200)
      expect(response.body.traces.map((trace) => trace.traceId)).toEqual([traceId])
    }
  })

  it('refuses a cursor whose time does not fit the store', async () => {
    const cursor = Buffer.from(`99999999999999999999:${'a'.repeat(32)}`).toString('base64url')
    const response = await getJson<QueryError>(`${store.url}/api/traces?cursor=${cursor}`)
    expect(response.status).toBe(400)
    expect(response.body.error.message).toBe('cursor: not a cursor returned by this API')
  })

  it('never answers 500 to any number in any numeric parameter of the query and Rollbar APIs', async () => {
    expect((await postRollbarItem(store, 'an item to page through', 1_718_000_000)).status).toBe(200)
    const urls = (parameter: string, text: string) => [
      `/api/traces?${parameter}=${text}`,
      `/api/1/items?page=${text}`,
      `/api/1/items?ids=${text}`,
      `/api/1/item/1/instances?page=${text}`,
      `/api/1/item/${text}`,
      `/api/1/item/${text}/instances`,
    ]
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('minDurationMs', 'maxDurationMs', 'startFromMs', 'startToMs', 'limit'), numberText(), async (parameter, text) => {
        for (const url of urls(parameter, encodeURIComponent(text))) {
          const response = await fetch(`${store.url}${url}`)
          await response.arrayBuffer()
          expect(response.status, url).toBeLessThan(500)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('never answers 500 to any number in a cursor', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }), fc.bigInt({ min: 2n ** 63n - 5n, max: 2n ** 63n + 5n })), async (startNs) => {
        const cursor = Buffer.from(`${startNs}:${'b'.repeat(32)}`).toString('base64url')
        const response = await fetch(`${store.url}/api/traces?cursor=${cursor}`)
        await response.arrayBuffer()
        expect([200, 400], String(startNs)).toContain(response.status)
      }),
      { numRuns: 100 },
    )
  })

  it('keeps a Rollbar timestamp that is not a plausible time of an occurrence from pinning its item to the top', async () => {
    const beforeSec = Math.floor(Date.now() / 1000)
    for (const [title, timestamp] of [
      ['far future', 1e300],
      ['year 10000', 253_402_300_800],
      ['milliseconds by mistake', Date.now() + ONE_DAY_SEC * 2000],
      ['negative', -5],
    ] as const) {
      expect((await postRollbarItem(store, title, timestamp)).status, title).toBe(200)
    }
    expect((await postRollbarItem(store, 'recent', beforeSec - 60)).status).toBe(200)
    const afterSec = Math.floor(Date.now() / 1000)
    const items = await getJson<ItemsPage>(`${store.url}/api/1/items?environment=numbers`)
    const timestampByTitle = new Map(items.body.result.items.map((item) => [item.title, item.last_occurrence_timestamp]))
    for (const title of ['far future', 'year 10000', 'milliseconds by mistake', 'negative']) {
      // the receive time stands in for a timestamp that cannot be when the occurrence happened
      expect(timestampByTitle.get(title), title).toBeGreaterThanOrEqual(beforeSec)
      expect(timestampByTitle.get(title), title).toBeLessThanOrEqual(afterSec)
    }
    expect(timestampByTitle.get('recent')).toBe(beforeSec - 60)
  })

  it('lists no Rollbar occurrence later than a clock could be ahead, whatever number its timestamp is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.double(), fc.integer({ min: 0, max: 2 ** 40 })), async (timestamp) => {
        const title = `timestamp ${timestamp}`
        expect((await postRollbarItem(store, title, timestamp)).status).toBe(200)
        const items = await getJson<ItemsPage>(`${store.url}/api/1/items?environment=numbers&q=${encodeURIComponent(title)}`)
        const item = items.body.result.items.find((candidate) => candidate.title === title)!
        expect(item.last_occurrence_timestamp).toBeGreaterThanOrEqual(0)
        expect(item.last_occurrence_timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + MAX_TIMESTAMP_AHEAD_SEC)
      }),
      { numRuns: 100 },
    )
  })
})

/** Decimal texts of every size and shape: integers, fractions, exponents, signs, and the special values. */
function numberText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.double().map(String),
    fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
    fc.integer().map(String),
    fc.constantFrom('1e300', '-1e300', '1e-300', 'NaN', 'Infinity', '-0', '0x10', '', ' ', '9223372036854775808', '18446744073709551616', '1.5'),
  )
}

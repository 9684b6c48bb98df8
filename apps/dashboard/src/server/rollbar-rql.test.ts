import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from './testing/fixture-server'

vi.mock('server-only', () => ({}))
const { fixture, startFixtureServer } = await import('./testing/fixture-server')
const { RollbarSource } = await import('./rollbar-source')
const { NO_RQL_MEMORY_MS, RQL_POLL_DELAYS_MS, rowsByName, rqlString } = await import('./rollbar-rql')
const { traceOccurrencesQuery, sessionOccurrencesQuery, uuidOccurrenceQuery } = await import('./rql-occurrences')

// Trace → items through RQL jobs (Rollbar API reference, RQL), over HTTP against recorded responses. Each project
// lives under its own base path of one fixture server:
//   /with-rql/      creates a job ("new"), which the first poll finds done ("success" with its rows)
//   /without-rql/   answers the job POST 403 err:1, as Rollbar does for a plan without RQL; the read API works
//   /slow-rql/      a job that stays "running" however often it is polled; the read API works
//   /refusing-rql/  answers the job POST 400 err:1 (a query its RQL will not run); the read API works
const TRACE_ID = '2ea75461946a7dd10f2c15ab36a076cb'
let server: FixtureServer

function readApi(path: string) {
  if (path === '/api/1/items') return { body: fixture('rollbar-items-page-1.json') }
  if (path === '/api/1/item/1152746872/instances') return { body: fixture('rollbar-instances-with-trace-ids.json') }
  if (path === '/api/1/item/1152746873/instances') return { body: fixture('rollbar-instances-without-trace-id.json') }
  return undefined
}

beforeAll(async () => {
  server = await startFixtureServer(4864, (url, { method }) => {
    const [, project, ...rest] = url.pathname.split('/')
    const path = `/${rest.join('/')}`
    if (project === 'with-rql') {
      if (path === '/api/1/rql/jobs' && method === 'POST') return { body: fixture('rollbar-rql-job-created-new.json') }
      if (path === '/api/1/rql/job/123' && url.searchParams.get('expand') === 'result')
        return { body: fixture('rollbar-rql-job-success-trace-occurrences.json') }
    }
    if (project === 'without-rql') {
      if (path === '/api/1/rql/jobs') return { status: 403, body: fixture('rollbar-rql-error-plan-without-rql.json') }
      return readApi(path)
    }
    if (project === 'refusing-rql') {
      if (path === '/api/1/rql/jobs') return { status: 400, body: fixture('rollbar-rql-error-query-refused.json') }
      return readApi(path)
    }
    if (project === 'slow-rql') {
      if (path === '/api/1/rql/jobs' && method === 'POST') return { body: fixture('rollbar-rql-job-created-new.json') }
      if (path === '/api/1/rql/job/123') return { body: fixture('rollbar-rql-job-running.json') }
      return readApi(path)
    }
    return undefined
  })
})
afterAll(() => server.close())

function sourceFor(project: string, clock = { ms: 1_782_036_700_000 }) {
  const waits: number[] = []
  const source = new RollbarSource(
    { name: 'Rollbar', baseUrl: `${server.url}/${project}/`, headers: { 'x-rollbar-access-token': 'read-secret' }, timeoutMs: 2000, unreachableHint: '' },
    {
      now: () => clock.ms,
      // the poll's waits are recorded and skipped, so the test does not sleep
      wait: async (ms) => {
        waits.push(ms)
        clock.ms += ms
      },
    },
  )
  return { source, waits, clock }
}
const requestsUnder = (project: string) => server.requests.filter((request) => request.url.pathname.startsWith(`/${project}/`))

describe('trace → items by RQL', () => {
  it('asks one RQL job for every occurrence carrying the trace id, polls it once, and maps the rows by column name', async () => {
    const { source, waits } = sourceFor('with-rql')
    const lookup = await source.itemsForTrace(TRACE_ID, 1782036644)
    const [post, poll] = requestsUnder('with-rql')
    expect(post!.method).toBe('POST')
    expect(post!.headers['content-type']).toBe('application/json')
    expect(post!.headers['x-rollbar-access-token']).toBe('read-secret')
    expect(JSON.parse(post!.body)).toEqual({
      query_string:
        "SELECT item.id, item.counter, item.title, item.level, occurrence_id, uuid, timestamp, custom.trace_id, custom.span_id FROM item_occurrence WHERE custom.trace_id = '2ea75461946a7dd10f2c15ab36a076cb' ORDER BY timestamp ASC LIMIT 1000",
      force_refresh: true,
    })
    expect(poll!.url.pathname).toBe('/with-rql/api/1/rql/job/123')
    expect(waits).toEqual([RQL_POLL_DELAYS_MS[0]])
    expect(lookup).toEqual({
      via: 'rql',
      scan: null,
      rqlUnavailable: null,
      items: [
        // an occurrence far older than the newest 20 of its item: the scan could not have found it
        {
          itemId: 1152746872,
          uuid: '0f1e2d3c-4b5a-4697-8877-665544332211',
          title: 'TypeError: cart is undefined',
          level: 'error',
          occurrenceId: 200130000001,
          spanId: '9082d67808fc8870',
          timestampSec: 1781990000,
        },
        {
          itemId: 1152746873,
          uuid: null,
          title: 'Warning: slow checkout',
          level: 'warning',
          occurrenceId: 200137760530,
          spanId: null,
          timestampSec: 1782036645,
        },
        {
          itemId: 1152746872,
          uuid: 'd4c7acef55bf4c9ea95e4fe9428a8287',
          title: 'TypeError: cart is undefined',
          level: 'error',
          occurrenceId: 200137760520,
          spanId: 'c8d93156b47cd010',
          timestampSec: 1782036650,
        },
      ],
    })
    // the read API was not scanned
    expect(requestsUnder('with-rql').some((request) => request.url.pathname.includes('/instances'))).toBe(false)
  })

  it('falls back to the scan for a project without RQL, says how far back it looked, and does not ask RQL again for 5 minutes', async () => {
    const { source, clock } = sourceFor('without-rql')
    const lookup = await source.itemsForTrace(TRACE_ID, 1782036644)
    expect(lookup.via).toBe('scan')
    expect(lookup.rqlUnavailable).toBe('Rollbar has no RQL (HTTP 403)')
    expect(lookup.scan).toEqual({ occurrencesPerItem: 20, itemCount: 1, sinceSec: 1782036650 })
    expect(lookup.items.map((item) => item.occurrenceId)).toEqual([200137760519, 200137760520])
    const jobPosts = () => requestsUnder('without-rql').filter((request) => request.url.pathname.endsWith('/rql/jobs')).length
    expect(jobPosts()).toBe(1)

    expect((await source.itemsForTrace(TRACE_ID, 1782036644)).via).toBe('scan')
    expect(jobPosts()).toBe(1)
    clock.ms += NO_RQL_MEMORY_MS
    await source.itemsForTrace(TRACE_ID, 1782036644)
    expect(jobPosts()).toBe(2)
  })

  it('polls a job that stays running a bounded number of times (about 5 s in all), then scans', async () => {
    const { source, waits } = sourceFor('slow-rql')
    const lookup = await source.itemsForTrace(TRACE_ID, 1782036644)
    expect(waits).toEqual([...RQL_POLL_DELAYS_MS])
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(5000)
    expect(requestsUnder('slow-rql').filter((request) => request.url.pathname === '/slow-rql/api/1/rql/job/123')).toHaveLength(RQL_POLL_DELAYS_MS.length)
    expect(lookup.via).toBe('scan')
    expect(lookup.rqlUnavailable).toBe('the RQL job was still running after 5 s')
    expect(lookup.items).toHaveLength(2)
  })

  it('scans when RQL refuses the query, and asks RQL again next time (the refusal is about that query)', async () => {
    const { source } = sourceFor('refusing-rql')
    const lookup = await source.itemsForTrace(TRACE_ID, 1782036644)
    expect(lookup.via).toBe('scan')
    expect(lookup.rqlUnavailable).toBe('Rollbar refused the RQL query (HTTP 400: Unknown column: custom.trace_id)')
    expect(lookup.items).toHaveLength(2)
    await source.itemsForTrace(TRACE_ID, 1782036644)
    expect(requestsUnder('refusing-rql').filter((request) => request.url.pathname.endsWith('/rql/jobs'))).toHaveLength(2)
  })

  it('says a lookup by uuid is impossible without RQL, and why', async () => {
    const { source } = sourceFor('without-rql')
    expect(await source.occurrenceByUuid('d4c7acef-55bf-4c9e-a95e-4fe9428a8287')).toEqual({ ok: false, reason: 'Rollbar has no RQL (HTTP 403)' })
  })
})

describe('RQL queries and rows', () => {
  it('quotes literals by doubling quotes, and refuses ids that did not pass validation before quoting them', () => {
    expect(rqlString("it's")).toBe("'it''s'")
    expect(() => traceOccurrencesQuery("2ea75461946a7dd10f2c15ab36a076cb' OR '1'='1")).toThrow(/trace id is not valid/)
    expect(() => sessionOccurrencesQuery("x' OR 1=1 --")).toThrow(/session id is not valid/)
    expect(uuidOccurrenceQuery('D4C7ACEF-55BF-4C9E-A95E-4FE9428A8287')).toContain(
      "WHERE uuid IN ('d4c7acef-55bf-4c9e-a95e-4fe9428a8287', 'd4c7acef55bf4c9ea95e4fe9428a8287')",
    )
  })

  it('names row values by selectionColumns, whatever their order', () => {
    expect(rowsByName({ rows: [[7, 'abc']], selectionColumns: ['timestamp', 'uuid'], columns: ['timestamp', 'uuid'] })).toEqual([{ timestamp: 7, uuid: 'abc' }])
    expect(rowsByName({ rows: [['abc', 7]], selectionColumns: ['uuid', 'timestamp'], columns: null })).toEqual([{ uuid: 'abc', timestamp: 7 }])
  })
})

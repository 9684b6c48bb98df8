import Rollbar from 'rollbar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getJson, postJson, readJson, startTestStore } from '../../test-support/test-store.js'

type Store = Awaited<ReturnType<typeof startTestStore>>

// The shapes of Rollbar's API reference, "RQL": the job resource, and the job with `?expand=result`.
interface RqlJob {
  id: number
  project_id: number
  query_string: string
  status: string
  job_hash: string
  date_created: number
  date_modified: number
}
interface RqlResult {
  isSimpleSelect: boolean
  errors: string[]
  warnings: string[]
  executionTime: number
  effectiveTimestamp: number
  rowcount: number
  rows: unknown[][]
  selectionColumns: string[]
  projectIds: number[]
  columns: string[]
}
interface Envelope<T> {
  err: number
  result: T
}

const TRACE_ID = '2ea75461946a7dd10f2c15ab36a076cb'
const COLUMNS = 'item.id, item.counter, item.title, item.level, occurrence_id, uuid, timestamp, custom.trace_id, custom.span_id'
const RECURRENCES = 50

function spanIdOf(index: number): string {
  return (index + 1).toString(16).padStart(16, 'a')
}

async function createJob(store: Store, queryString: string, path = '/api/1/rql/jobs'): Promise<Envelope<RqlJob>> {
  const response = await postJson(`${store.url}${path}`, { query_string: queryString, force_refresh: true })
  expect(response.status).toBe(200)
  return readJson<Envelope<RqlJob>>(response)
}

async function runQuery(store: Store, queryString: string): Promise<RqlResult> {
  const { result: job } = await createJob(store, queryString)
  const { body } = await getJson<Envelope<RqlJob & { result: RqlResult }>>(`${store.url}/api/1/rql/job/${job.id}?expand=result`)
  return body.result.result
}

describe('RQL jobs on occurrences posted by the real rollbar Node package', () => {
  let store: Store
  const recurringUuids: string[] = []

  beforeAll(async () => {
    store = await startTestStore()
    const rollbar = new Rollbar({
      accessToken: 'post-token',
      endpoint: `${store.url}/api/1/item/`,
      environment: 'test',
      captureUncaught: false,
      captureUnhandledRejections: false,
      // the notifier's own rate limit would drop part of the 50
      itemsPerMinute: 1000,
      maxItems: 0,
    })
    const report = (error: Error, custom: Record<string, string>) =>
      new Promise<string>((resolve, reject) =>
        rollbar.error(error, custom, (failure, response) => (failure ? reject(failure) : resolve((response as { uuid: string }).uuid))),
      )
    // one item recurring 50 times in one trace, each in a span of its own, among occurrences of other traces
    await report(new RangeError('cart total is negative'), { trace_id: 'f'.repeat(32) })
    for (let index = 0; index < RECURRENCES; index += 1) {
      recurringUuids.push(await report(new TypeError('cart is undefined'), { trace_id: TRACE_ID, span_id: spanIdOf(index), session_id: 'session-1' }))
      await report(new TypeError('cart is undefined'), { trace_id: 'e'.repeat(32) })
    }
  })
  afterAll(() => store.close())

  it('finds every occurrence of a trace, however often its item recurred', async () => {
    const result = await runQuery(store, `SELECT ${COLUMNS} FROM item_occurrence WHERE custom.trace_id = '${TRACE_ID}' ORDER BY timestamp ASC LIMIT 1000`)
    expect(result.rowcount).toBe(RECURRENCES)
    expect(result.columns).toEqual(COLUMNS.split(', '))
    const uuidIndex = result.columns.indexOf('uuid')
    expect(result.rows.map((row) => row[uuidIndex]).sort()).toEqual([...recurringUuids].sort())
    const spanIndex = result.columns.indexOf('custom.span_id')
    expect(new Set(result.rows.map((row) => row[spanIndex]))).toEqual(new Set(Array.from({ length: RECURRENCES }, (_, index) => spanIdOf(index))))
    for (const row of result.rows) expect(row.slice(2, 4)).toEqual(['TypeError: cart is undefined', 'error'])

    // the item's newest page of instances, which the dashboard used to scan, holds 20 of its 100 occurrences
    const itemId = result.rows[0]![0]
    const { body: instances } = await getJson<Envelope<{ instances: unknown[] }>>(`${store.url}/api/1/item/${itemId}/instances`)
    expect(instances.result.instances).toHaveLength(20)
  })

  it('finds one occurrence by its span id, and a session’s occurrences', async () => {
    const bySpan = await runQuery(
      store,
      `SELECT uuid, custom.span_id FROM item_occurrence WHERE custom.span_id = '${spanIdOf(7)}' ORDER BY timestamp DESC LIMIT 1`,
    )
    expect(bySpan.rows).toEqual([[recurringUuids[7], spanIdOf(7)]])
    const bySession = await runQuery(store, "SELECT uuid FROM item_occurrence WHERE custom.session_id = 'session-1'")
    expect(bySession.rowcount).toBe(RECURRENCES)
  })

  it('answers with the job resource of Rollbar’s API, finished at once', async () => {
    const queryString = `SELECT uuid FROM item_occurrence WHERE custom.trace_id = '${TRACE_ID}' LIMIT 5`
    const created = await createJob(store, queryString, '/api/1/rql/jobs/')
    expect(created.err).toBe(0)
    expect(created.result).toEqual({
      id: expect.any(Number),
      project_id: 1,
      query_string: queryString,
      status: 'success',
      job_hash: expect.stringMatching(/^[0-9a-f]{40}$/),
      date_created: expect.any(Number),
      date_modified: created.result.date_created,
    })
    const jobUrl = `${store.url}/api/1/rql/job/${created.result.id}`
    expect((await getJson(jobUrl)).body).toEqual(created)

    const expanded = await getJson<Envelope<RqlJob & { result: RqlResult }>>(`${jobUrl}?expand=result`)
    expect(expanded.body.result).toMatchObject(created.result)
    expect(expanded.body.result.result).toEqual({
      isSimpleSelect: true,
      errors: [],
      warnings: [],
      executionTime: expect.any(Number),
      effectiveTimestamp: created.result.date_created,
      rowcount: 5,
      rows: expect.any(Array),
      selectionColumns: ['uuid'],
      projectIds: [1],
      columns: ['uuid'],
    })

    const result = await getJson<Envelope<RqlResult & { job_id: number }>>(`${jobUrl}/result`)
    expect(result.body).toEqual({ err: 0, result: { ...expanded.body.result.result, job_id: created.result.id } })
  })

  it('records a query outside the subset as a failed job whose result names the problem', async () => {
    const created = await createJob(store, "SELECT uuid FROM item_occurrence WHERE uuid = 'a' OR uuid = 'b'")
    expect(created.result.status).toBe('failed')
    const { body } = await getJson<Envelope<RqlResult>>(`${store.url}/api/1/rql/job/${created.result.id}/result`)
    expect(body.result).toMatchObject({
      errors: ['OR is not supported (at character 51); combine conditions with AND, or list values with IN'],
      rows: [],
      rowcount: 0,
    })
  })

  it('answers requests it cannot take in Rollbar’s error envelope', async () => {
    const notJson = await fetch(`${store.url}/api/1/rql/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'query_string=select' })
    expect(notJson.status).toBe(400)
    expect(await readJson(notJson)).toEqual({ err: 1, message: 'body is not valid JSON; send {"query_string": "..."} with Content-Type: application/json' })
    const noQuery = await postJson(`${store.url}/api/1/rql/jobs`, { force_refresh: true })
    expect(noQuery.status).toBe(400)
    expect(await readJson(noQuery)).toEqual({ err: 1, message: 'query_string: must be a string' })
    const emptyQuery = await postJson(`${store.url}/api/1/rql/jobs`, { query_string: '' })
    expect(await readJson(emptyQuery)).toEqual({ err: 1, message: 'query_string: must not be empty' })
    const notObject = await postJson(`${store.url}/api/1/rql/jobs`, ['SELECT uuid FROM item_occurrence'])
    expect(await readJson(notObject)).toEqual({ err: 1, message: 'body must be a JSON object' })

    const unknownJob = await getJson(`${store.url}/api/1/rql/job/999999`)
    expect(unknownJob).toMatchObject({ status: 404, body: { err: 1, message: 'RQL job not found' } })
    const unknownResult = await getJson(`${store.url}/api/1/rql/job/999999/result`)
    expect(unknownResult).toMatchObject({ status: 404, body: { err: 1, message: 'RQL job not found' } })
    const { result: job } = await createJob(store, 'SELECT uuid FROM item_occurrence LIMIT 1')
    const badExpand = await getJson(`${store.url}/api/1/rql/job/${job.id}?expand=everything`)
    expect(badExpand).toMatchObject({ status: 400, body: { err: 1, message: "expand: must be 'result'" } })
    const listing = await getJson(`${store.url}/api/1/rql/jobs`)
    expect(listing).toMatchObject({ status: 405, body: { err: 1, message: 'use POST to create an RQL job' } })
  })
})

describe('RQL jobs with a read token', () => {
  it('need the read token to be created and read', async () => {
    const store = await startTestStore({ readToken: 'read-token' })
    try {
      const query = { query_string: 'SELECT uuid FROM item_occurrence' }
      const without = await postJson(`${store.url}/api/1/rql/jobs`, query)
      expect(without.status).toBe(401)
      expect(await readJson(without)).toEqual({ err: 1, message: 'invalid access token' })
      const created = await postJson(`${store.url}/api/1/rql/jobs`, query, { 'x-rollbar-access-token': 'read-token' })
      expect(created.status).toBe(200)
      const { result: job } = await readJson<Envelope<RqlJob>>(created)
      expect((await getJson(`${store.url}/api/1/rql/job/${job.id}`)).status).toBe(401)
      expect((await getJson(`${store.url}/api/1/rql/job/${job.id}/result?access_token=read-token`)).status).toBe(200)
    } finally {
      await store.close()
    }
  })
})

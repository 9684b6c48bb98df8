import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeProtobufRequest } from '../../bench/encode-protobuf.js'
import type { SearchPage } from '../query/trace-queries.js'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { getJson, postJson, postProtobuf, startTestStore } from '../../test-support/test-store.js'

type Store = Awaited<ReturnType<typeof startTestStore>>
const ERROR = { code: 2 }

function statusCode(code: number) {
  return { key: 'http.response.status_code', value: { intValue: String(code) } }
}

describe('errors that matter first (errorsOnly=severe)', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'spanlight-severity-'))
  const databaseFile = path.join(directory, 'store.db')
  let store: Store
  const ids = { clientOnly: newTraceId(), serverError: newTraceId(), networkFailure: newTraceId(), legacy: newTraceId(), ok: newTraceId() }

  beforeAll(async () => {
    store = await startTestStore({ databaseFile })
    // a form refused with 422: the browser's fetch span is an error (OTel: 4xx on a client span), the server's is not
    const refused = makeRequest('web', [makeSpan({ traceId: ids.clientOnly, name: 'POST /api/items', kind: 3, status: ERROR, attributes: [statusCode(422)] })])
    // the API failed with 503 on both sides
    const failed = [
      makeRequest('web', [makeSpan({ traceId: ids.serverError, name: 'GET /api/home', kind: 3, status: ERROR, attributes: [statusCode(503)] })]),
      makeRequest('api', [makeSpan({ traceId: ids.serverError, name: 'GET /api/home', kind: 2, status: ERROR, attributes: [statusCode(503)] })]),
    ]
    // the network failed: no status code at all
    const offline = makeRequest('web', [makeSpan({ traceId: ids.networkFailure, name: 'GET /api/feed', kind: 3, status: ERROR })])
    const legacy = makeRequest('web', [makeSpan({ traceId: ids.legacy, name: 'POST /api/old', kind: 3, status: ERROR, attributes: [statusCode(404)] })])
    const fine = makeRequest('web', [makeSpan({ traceId: ids.ok, name: 'GET /api/ok', kind: 3, attributes: [statusCode(200)] })])
    // the 4xx one over protobuf, the rest over JSON: both ingest paths count it
    expect((await postProtobuf(`${store.url}/v1/traces`, encodeProtobufRequest(refused))).status).toBe(200)
    for (const request of [...failed, offline, legacy, fine]) expect((await postJson(`${store.url}/v1/traces`, request)).status).toBe(200)
    // a summary stored before client errors were counted has no clientErrorCount: all its errors count as severe
    const db = new Database(databaseFile)
    db.prepare("UPDATE traces SET services = json_remove(services, '$[0].clientErrorCount') WHERE trace_id = ?").run(ids.legacy)
    db.close()
  })

  afterAll(async () => {
    await store.close()
    rmSync(directory, { recursive: true, force: true })
  })

  async function traceIds(query: string): Promise<string[]> {
    const response = await getJson<SearchPage>(`${store.url}/api/traces?${query}`)
    expect(response.status).toBe(200)
    return response.body.traces.map((trace) => trace.traceId).sort()
  }

  it('keeps every errored trace under errorsOnly=true', async () => {
    expect(await traceIds('errorsOnly=true')).toEqual([ids.clientOnly, ids.serverError, ids.networkFailure, ids.legacy].sort())
  })

  it('leaves out traces whose only errors are HTTP 4xx answers', async () => {
    expect(await traceIds('errorsOnly=severe')).toEqual([ids.serverError, ids.networkFailure, ids.legacy].sort())
  })

  it('asks the service named, with service=', async () => {
    expect(await traceIds('service=api&errorsOnly=severe')).toEqual([ids.serverError])
    expect(await traceIds('service=web&errorsOnly=severe')).toEqual([ids.serverError, ids.networkFailure, ids.legacy].sort())
  })

  it('reports the 4xx answers among a trace’s errors', async () => {
    const page = await getJson<SearchPage>(`${store.url}/api/traces?errorsOnly=true`)
    const byId = new Map(page.body.traces.map((trace) => [trace.traceId, trace]))
    expect(byId.get(ids.clientOnly)).toMatchObject({ errorCount: 1, clientErrorCount: 1 })
    expect(byId.get(ids.serverError)).toMatchObject({ errorCount: 2, clientErrorCount: 0 })
    expect(byId.get(ids.networkFailure)).toMatchObject({ errorCount: 1, clientErrorCount: 0 })
  })

  it('refuses an unknown errorsOnly value naming the ones it takes', async () => {
    const response = await getJson<{ error: { message: string } }>(`${store.url}/api/traces?errorsOnly=bad`)
    expect(response.status).toBe(400)
    expect(response.body.error.message).toContain("must be 'true', 'false' or 'severe'")
  })
})

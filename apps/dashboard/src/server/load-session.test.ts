import { createTraceStore, type TraceStore } from '@spanlight/trace-store'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from './testing/fixture-server'

vi.mock('server-only', () => ({}))
const { fixture, startFixtureServer } = await import('./testing/fixture-server')
const { RollbarSource } = await import('./rollbar-source')
const { StoreTraceSource } = await import('./store-trace-source')
const { JaegerTraceSource } = await import('./jaeger-trace-source')
const { loadSession } = await import('./load-session')

// A session's traces from a real in-memory store (search by the `session.id` attribute, on a span or on its
// resource) and its occurrences from recorded RQL jobs (Rollbar API reference, RQL):
//   /with-rql/     the session's two occurrences
//   /without-rql/  403 err:1 to the job POST, as for a plan without RQL
const SESSION_ID = '9f2c4e1a0b3d4c5e8f7a6b5c4d3e2f1a'
const START_NS = BigInt(Date.now() - 60_000) * 1_000_000n
const READ_TOKEN = 'session-test-read-token-31c9'
let store: TraceStore
let rollbarServer: FixtureServer

function otlpTrace(traceId: string, name: string, offsetMs: number, spanAttributes: object[], resourceAttributes: object[] = []) {
  return {
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'web' } }, ...resourceAttributes] },
    scopeSpans: [
      {
        scope: { name: 'test' },
        spans: [
          {
            traceId,
            spanId: `${traceId.slice(0, 15)}1`,
            name,
            kind: 2,
            startTimeUnixNano: String(START_NS + BigInt(offsetMs) * 1_000_000n),
            endTimeUnixNano: String(START_NS + BigInt(offsetMs + 40) * 1_000_000n),
            attributes: spanAttributes,
          },
        ],
      },
    ],
  }
}
const session = (id: string) => [{ key: 'session.id', value: { stringValue: id } }]

beforeAll(async () => {
  store = await createTraceStore({ port: 4866, databaseFile: ':memory:', readToken: READ_TOKEN, log: () => {} })
  const resourceSpans = [
    otlpTrace('a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'load home', 0, session(SESSION_ID)),
    otlpTrace('b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2', 'checkout click', 5000, [], session(SESSION_ID)),
    otlpTrace('c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3', 'someone else', 2000, session('another-session')),
  ]
  const posted = await fetch(`${store.url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resourceSpans }),
  })
  expect(posted.status).toBe(200)
  rollbarServer = await startFixtureServer(4867, (url, { method }) => {
    if (url.pathname === '/without-rql/api/1/rql/jobs') return { status: 403, body: fixture('rollbar-rql-error-plan-without-rql.json') }
    if (url.pathname === '/with-rql/api/1/rql/jobs' && method === 'POST') return { body: fixture('rollbar-rql-job-created-new.json') }
    if (url.pathname === '/with-rql/api/1/rql/job/123') return { body: fixture('rollbar-rql-job-success-session-occurrences.json') }
    return undefined
  })
})
afterAll(async () => {
  await rollbarServer.close()
  await store.close()
})

const upstream = (name: string, baseUrl: string, headers: Record<string, string> = {}) => ({ name, baseUrl, headers, timeoutMs: 5000, unreachableHint: '' })
const storeTraces = () => new StoreTraceSource(upstream('the trace store', store.url, { authorization: `Bearer ${READ_TOKEN}` }))
const rollbar = (project: string) => new RollbarSource(upstream('Rollbar', `${rollbarServer.url}/${project}/`), { wait: async () => {} })

describe('loadSession', () => {
  it("finds the session's traces by session.id (span or resource attribute) and its occurrences by RQL", async () => {
    const data = await loadSession(SESSION_ID, { traces: storeTraces(), rollbar: rollbar('with-rql') })
    expect(data.traces.ok && data.traces.traces.map((trace) => trace.rootSpanName).sort()).toEqual(['checkout click', 'load home'])
    expect(data.occurrences.ok && data.occurrences.occurrences.map((occurrence) => [occurrence.itemId, occurrence.traceId])).toEqual([
      [1152746873, null],
      [1152746872, '2ea75461946a7dd10f2c15ab36a076cb'],
    ])
    const posted = JSON.parse(rollbarServer.requests.find((request) => request.method === 'POST')!.body) as { query_string: string }
    expect(posted.query_string).toContain(`WHERE custom.session_id = '${SESSION_ID}' ORDER BY timestamp ASC`)
  })

  it('says why each half is unavailable: occurrences without RQL, traces from Jaeger (which searches within one service)', async () => {
    const jaeger = new JaegerTraceSource(upstream('Jaeger', 'http://127.0.0.1:9'))
    const data = await loadSession(SESSION_ID, { traces: jaeger, rollbar: rollbar('without-rql') })
    expect(data.traces).toEqual({ ok: false, reason: "Jaeger searches only within one service, so a session's traces need the trace store or Tempo" })
    expect(data.occurrences).toEqual({ ok: false, reason: "a session's Rollbar occurrences are found with RQL, and Rollbar has no RQL (HTTP 403)" })
  })
})

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from './testing/fixture-server'

vi.mock('server-only', () => ({}))
const { fixture, startFixtureServer } = await import('./testing/fixture-server')
const { RollbarSource } = await import('./rollbar-source')
const { resolveLookup } = await import('./resolve-lookup')

// The lookup box's resolution over HTTP against recorded RQL jobs (Rollbar API reference, RQL). The job POSTed
// last decides which recorded result its poll gets:
//   /with-rql/     uuid d4c7…8287 and span c8d9…d010 are found; span 00f0…02b7 is in no report
//   /without-rql/  403 err:1 to the job POST, as for a plan without RQL
let server: FixtureServer
let postedQuery = ''

beforeAll(async () => {
  server = await startFixtureServer(4865, (url, { method, body }) => {
    if (url.pathname === '/without-rql/api/1/rql/jobs') return { status: 403, body: fixture('rollbar-rql-error-plan-without-rql.json') }
    if (url.pathname === '/with-rql/api/1/rql/jobs' && method === 'POST') {
      postedQuery = (JSON.parse(body) as { query_string: string }).query_string
      return { body: fixture('rollbar-rql-job-created-new.json') }
    }
    if (url.pathname === '/with-rql/api/1/rql/job/123') {
      if (postedQuery.includes("uuid IN ('d4c7acef-55bf-4c9e-a95e-4fe9428a8287'")) return { body: fixture('rollbar-rql-job-success-occurrence-by-uuid.json') }
      if (postedQuery.includes("custom.span_id = 'c8d93156b47cd010'")) return { body: fixture('rollbar-rql-job-success-occurrence-by-span.json') }
      return { body: fixture('rollbar-rql-job-success-no-rows.json') }
    }
    return undefined
  })
})
afterAll(() => server.close())

const sourceFor = (project: string) =>
  new RollbarSource(
    { name: 'Rollbar', baseUrl: `${server.url}/${project}/`, headers: { 'x-rollbar-access-token': 'read-secret' }, timeoutMs: 2000, unreachableHint: '' },
    { wait: async () => {} },
  )

describe('resolveLookup', () => {
  it('sends a trace id or a traceparent to the trace without asking any upstream', async () => {
    const before = server.requests.length
    expect(await resolveLookup('5B8EFFF798038103D269B633813FC60C', sourceFor('with-rql'))).toEqual({
      ok: true,
      href: '/traces/5b8efff798038103d269b633813fc60c',
    })
    expect(await resolveLookup('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', sourceFor('with-rql'))).toEqual({
      ok: true,
      href: '/traces/4bf92f3577b34da6a3ce929d0e0e4736?span=00f067aa0ba902b7',
    })
    expect(server.requests.length).toBe(before)
  })

  it('refuses what is not an id with a reason, without a request upstream', async () => {
    const before = server.requests.length
    const outcome = await resolveLookup("' OR 1=1 --", sourceFor('with-rql'))
    expect(outcome).toMatchObject({ ok: false, code: 'bad_request' })
    expect(outcome.ok === false && outcome.message).toContain('Paste a trace id')
    expect(server.requests.length).toBe(before)
  })

  it("finds an occurrence's item by its uuid through RQL", async () => {
    expect(await resolveLookup('D4C7ACEF-55BF-4C9E-A95E-4FE9428A8287', sourceFor('with-rql'))).toEqual({ ok: true, href: '/errors/1152746872' })
  })

  it('finds the trace of a span id an error report carries, and says when none does', async () => {
    expect(await resolveLookup('c8d93156b47cd010', sourceFor('with-rql'))).toEqual({
      ok: true,
      href: '/traces/2ea75461946a7dd10f2c15ab36a076cb?span=c8d93156b47cd010',
    })
    const missing = await resolveLookup('00f067aa0ba902b7', sourceFor('with-rql'))
    expect(missing).toMatchObject({ ok: false, code: 'not_found' })
    expect(missing.ok === false && missing.message).toContain('span ids are found only when an error report carries them')
  })

  it('says a uuid cannot be found without RQL, and why', async () => {
    const outcome = await resolveLookup('d4c7acef-55bf-4c9e-a95e-4fe9428a8287', sourceFor('without-rql'))
    expect(outcome).toEqual({
      ok: false,
      code: 'not_found',
      message:
        "An occurrence cannot be found by its uuid here: Rollbar has no RQL (HTTP 403); it needs RQL, which Rollbar offers on its Advanced and Enterprise plans and Spanlight's store answers.",
    })
  })
})

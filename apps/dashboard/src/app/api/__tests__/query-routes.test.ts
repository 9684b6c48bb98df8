import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from '../../../server/testing/fixture-server'

// The custom query routes called directly, against the store's and Tempo's recorded answers on a test port.
vi.mock('server-only', () => ({}))
const { fixture, startFixtureServer } = await import('../../../server/testing/fixture-server')
const PORT = 4892
const TOKEN = 'query-route-token-7c1f'
const WRITE_TOKEN = 'query-route-write-token-2e8a'
const DASHBOARD = 'http://127.0.0.1:3300'
const sameOrigin = { origin: DASHBOARD, 'sec-fetch-site': 'same-origin' }
let server: FixtureServer

async function routesFor(env: Record<string, string>) {
  vi.resetModules()
  for (const key of [
    'SPANLIGHT_STORE_URL',
    'SPANLIGHT_READ_TOKEN',
    'SPANLIGHT_WRITE_TOKEN',
    'SPANLIGHT_TRACE_SOURCE',
    'JAEGER_URL',
    'TEMPO_URL',
    'TEMPO_TOKEN',
    'ROLLBAR_READ_TOKEN',
  ])
    delete process.env[key]
  Object.assign(process.env, { SPANLIGHT_STORE_URL: `${server.url}/store`, SPANLIGHT_READ_TOKEN: TOKEN, ...env })
  return {
    query: await import('../query/route'),
    compare: await import('../query/compare/route'),
    capabilities: await import('../query/capabilities/route'),
    saved: await import('../saved-queries/route'),
    savedOne: await import('../saved-queries/[id]/route'),
  }
}

function post(path: string, body: string, headers: Record<string, string> = sameOrigin): Request {
  return new Request(`${DASHBOARD}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', host: '127.0.0.1:3300', ...headers }, body })
}

async function errorOf(response: Response): Promise<{ code: string; message: string; unsupported?: { clause: string }[] }> {
  return ((await response.json()) as { error: { code: string; message: string; unsupported?: { clause: string }[] } }).error
}

beforeAll(async () => {
  server = await startFixtureServer(PORT, (url, request) => {
    const spec = url.pathname === '/store/api/query' ? (JSON.parse(request.body || '{}') as { calculations?: { op: string }[] }) : {}
    const op = spec.calculations?.[0]?.op
    if (url.pathname === '/store/api/query') {
      if (op === 'MEDIAN') return { status: 400, body: fixture('store-query-error-unknown-op.json') }
      if (op === 'P999') return { status: 422, body: fixture('store-query-error-over-budget.json') }
      if (op === 'P99') return { status: 503, body: fixture('store-query-error-index-off.json') }
      return { body: fixture('store-query-result-count-by-service.json') }
    }
    if (url.pathname === '/store/api/query/compare') return { body: fixture('store-query-compare-errors.json') }
    if (url.pathname === '/store/api/saved-queries' && request.method === 'GET') return { body: fixture('store-saved-queries.json') }
    if (url.pathname === '/store/api/saved-queries' && request.method === 'POST') return { status: 201, body: fixture('store-saved-query-created.json') }
    if (url.pathname === '/store/api/saved-queries/3' && request.method === 'DELETE') return { status: 204, text: '' }
    if (url.pathname === '/store/api/saved-queries/404' && request.method === 'DELETE')
      return { status: 404, body: { error: { code: 'not_found', message: 'no saved query 404' } } }
    // ids of other shapes: text (a store that names its queries), and one that could not go into a path
    if (url.pathname === '/text-ids/api/saved-queries') return { body: { savedQueries: [{ id: 'q_1a2b3c', name: 'n', query: {}, createdAtMs: 1 }] } }
    if (url.pathname === '/odd-ids/api/saved-queries') return { body: { savedQueries: [{ id: '../x', name: 'n', query: {}, createdAtMs: 1 }] } }
    if (url.pathname === '/refusing/api/saved-queries')
      return { status: 401, body: { error: { code: 'unauthorized', message: 'missing or wrong write token (Authorization: Bearer …)' } } }
    if (url.pathname === '/tempo/api/metrics/query_range') return { body: fixture('tempo-metrics-count-by-service.json') }
    return undefined
  })
})
beforeEach(() => {
  server.requests.length = 0
})
afterAll(() => server.close())

describe('custom query routes, store source', () => {
  it('proxies POST /api/query to the store with the read token and answers its result with meta', async () => {
    const { query } = await routesFor({})
    const response = await query.POST(post('/api/query', '{"calculations":[{"op":"COUNT"}],"breakdowns":["service.name"]}'))
    expect(response.status).toBe(200)
    const body = (await response.json()) as { data: { results: unknown[] }; meta: unknown }
    expect(body.data.results).toHaveLength(2)
    expect(body.meta).toEqual({ source: 'store', appliedByDashboard: [] })
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ calculations: [{ op: 'COUNT' }], breakdowns: ['service.name'] })
  })

  it('passes the store’s 400 through with its message, 422 as 422, and maps 503 to 502 naming the store', async () => {
    const { query } = await routesFor({})
    const bad = await query.POST(post('/api/query', '{"calculations":[{"op":"MEDIAN"}]}'))
    expect(bad.status).toBe(400)
    expect(await errorOf(bad)).toEqual({
      code: 'bad_request',
      message: 'calculations[0].op: MEDIAN is not a calculation; use one of COUNT, COUNT_DISTINCT, SUM, AVG',
    })
    const slow = await query.POST(post('/api/query', '{"calculations":[{"op":"P999","column":"duration_ms"}]}'))
    expect(slow.status).toBe(422)
    expect((await errorOf(slow)).code).toBe('unprocessable')
    const off = await query.POST(post('/api/query', '{"calculations":[{"op":"P99","column":"duration_ms"}]}'))
    expect(off.status).toBe(502)
    const text = JSON.stringify(await errorOf(off))
    expect(text).toContain('the trace store answered HTTP 503')
    expect(text).not.toContain(TOKEN)
  })

  it('refuses a cross-origin POST or DELETE with 403 and sends nothing to the store', async () => {
    const { query, compare, saved, savedOne } = await routesFor({})
    const crossOrigin: Record<string, string>[] = [{ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, { origin: 'https://evil.example' }, {}]
    for (const headers of crossOrigin) {
      expect((await query.POST(post('/api/query', '{}', headers))).status).toBe(403)
      expect((await compare.POST(post('/api/query/compare', '{"query":{},"selection":{}}', headers))).status).toBe(403)
      expect((await saved.POST(post('/api/saved-queries', '{"name":"x","query":{}}', headers))).status).toBe(403)
      const remove = new Request(`${DASHBOARD}/api/saved-queries/3`, { method: 'DELETE', headers: { host: '127.0.0.1:3300', ...headers } })
      const removed = await savedOne.DELETE(remove, { params: Promise.resolve({ id: '3' }) })
      expect(removed.status).toBe(403)
      expect((await errorOf(removed)).code).toBe('forbidden')
    }
    expect(server.requests).toHaveLength(0)
  })

  it('answers 400 for a body that is not JSON and 413 for one over 2 MiB, before contacting the store', async () => {
    const { query } = await routesFor({})
    const notJson = await query.POST(post('/api/query', 'calculations=COUNT'))
    expect(notJson.status).toBe(400)
    expect((await errorOf(notJson)).message).toMatch(/^the body must be JSON like/)
    const huge = await query.POST(post('/api/query', `{"filters":[{"column":"x","op":"=","value":"${'a'.repeat(2 * 1024 * 1024)}"}]}`))
    expect(huge.status).toBe(413)
    expect(server.requests).toHaveLength(0)
  })

  it('proxies a comparison and validates its selection', async () => {
    const { compare } = await routesFor({})
    const response = await compare.POST(
      post('/api/query/compare', '{"query":{"time_range":3600},"selection":{"filters":[{"column":"error","op":"=","value":true}]}}'),
    )
    expect(response.status).toBe(200)
    expect(((await response.json()) as { selection: unknown }).selection).toEqual({ count: 10 })
    const halfWindow = await compare.POST(post('/api/query/compare', '{"query":{},"selection":{"start_time":1782036000}}'))
    expect(halfWindow.status).toBe(400)
    expect((await errorOf(halfWindow)).message).toBe('selection: start_time and end_time go together')
    expect(server.requests).toHaveLength(1)
  })

  const removeWith = (savedOne: { DELETE: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response> }, id: string) =>
    savedOne.DELETE(new Request(`${DASHBOARD}/api/saved-queries/${id}`, { method: 'DELETE', headers: { host: '127.0.0.1:3300', ...sameOrigin } }), {
      params: Promise.resolve({ id }),
    })

  it('lists, saves and deletes saved queries in the store, handing the UI the store’s numeric ids as strings', async () => {
    const { saved, savedOne } = await routesFor({})
    const list = (await (await saved.GET()).json()) as { savedQueries: { id: unknown }[] }
    expect(list.savedQueries.map((query) => query.id)).toEqual(['3'])
    const created = await saved.POST(post('/api/saved-queries', '{"name":"errors by service","query":{"calculations":[{"op":"COUNT"}]}}'))
    expect(created.status).toBe(201)
    expect(((await created.json()) as { savedQuery: { id: unknown } }).savedQuery.id).toBe('4')
    expect((await removeWith(savedOne, '3')).status).toBe(204)
    expect(server.requests.at(-1)!.url.pathname).toBe('/store/api/saved-queries/3')
    expect((await removeWith(savedOne, '404')).status).toBe(404)
    expect((await removeWith(savedOne, '../x')).status).toBe(400)
    const unnamed = await saved.POST(post('/api/saved-queries', '{"name":" ","query":{}}'))
    expect(unnamed.status).toBe(400)
  })

  it('keeps a text id as it is, and answers 502 for an id that could not go into a path', async () => {
    const textIds = await routesFor({ SPANLIGHT_STORE_URL: `${server.url}/text-ids` })
    expect(((await (await textIds.saved.GET()).json()) as { savedQueries: { id: unknown }[] }).savedQueries[0]!.id).toBe('q_1a2b3c')
    const oddIds = await routesFor({ SPANLIGHT_STORE_URL: `${server.url}/odd-ids` })
    const response = await oddIds.saved.GET()
    expect(response.status).toBe(502)
    expect((await errorOf(response)).message).toContain('savedQueries.0.id')
  })

  it('saves and deletes with the store’s write token and lists with its read token', async () => {
    const { saved, savedOne } = await routesFor({ SPANLIGHT_WRITE_TOKEN: WRITE_TOKEN })
    await saved.GET()
    await saved.POST(post('/api/saved-queries', '{"name":"errors by service","query":{"calculations":[{"op":"COUNT"}]}}'))
    await removeWith(savedOne, '3')
    expect(server.requests.map((request) => [request.method, request.headers.authorization])).toEqual([
      ['GET', `Bearer ${TOKEN}`],
      ['POST', `Bearer ${WRITE_TOKEN}`],
      ['DELETE', `Bearer ${WRITE_TOKEN}`],
    ])
  })

  it('saves and deletes with the read token when no write token is set', async () => {
    const { saved, savedOne } = await routesFor({})
    await saved.POST(post('/api/saved-queries', '{"name":"errors by service","query":{"calculations":[{"op":"COUNT"}]}}'))
    await removeWith(savedOne, '3')
    expect(server.requests.map((request) => [request.method, request.headers.authorization])).toEqual([
      ['POST', `Bearer ${TOKEN}`],
      ['DELETE', `Bearer ${TOKEN}`],
    ])
  })

  it('never shows the write token, even when the store refuses it', async () => {
    const { saved } = await routesFor({ SPANLIGHT_WRITE_TOKEN: WRITE_TOKEN, SPANLIGHT_STORE_URL: `${server.url}/refusing` })
    const response = await saved.POST(post('/api/saved-queries', '{"name":"x","query":{}}'))
    expect(response.status).toBe(502)
    expect(await response.text()).not.toContain(WRITE_TOKEN)
  })

  it('says in capabilities that the store answers every clause', async () => {
    const { capabilities } = await routesFor({})
    expect(await (await capabilities.GET()).json()).toMatchObject({ source: 'store', aggregates: true, compare: true, savedQueries: true, unsupported: [] })
  })
})

describe('custom query routes, Tempo and Jaeger sources', () => {
  it('answers 400 unsupported_by_source naming each clause Tempo cannot answer, sending nothing', async () => {
    const { query } = await routesFor({ TEMPO_URL: `${server.url}/tempo`, TEMPO_TOKEN: 'tempo-secret-1b9d' })
    const response = await query.POST(post('/api/query', '{"calculations":[{"op":"COUNT_DISTINCT","column":"user.id"}],"breakdowns":["duration_ms"]}'))
    expect(response.status).toBe(400)
    const error = await errorOf(response)
    expect(error.code).toBe('unsupported_by_source')
    expect(error.unsupported!.map((note) => note.clause)).toEqual(['breakdowns[0]: duration_ms', 'calculations[0]: COUNT_DISTINCT(user.id)'])
    expect(server.requests).toHaveLength(0)
  })

  it('runs a query on Tempo with its token and says what the dashboard applied', async () => {
    const { query, capabilities } = await routesFor({ TEMPO_URL: `${server.url}/tempo`, TEMPO_TOKEN: 'tempo-secret-1b9d' })
    const response = await query.POST(post('/api/query', '{"calculations":[{"op":"COUNT"}],"breakdowns":["service.name"],"time_range":600}'))
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).not.toContain('tempo-secret-1b9d')
    expect(JSON.parse(text).meta.source).toBe('tempo')
    expect(server.requests[0]!.headers.authorization).toBe('Bearer tempo-secret-1b9d')
    expect(await (await capabilities.GET()).json()).toMatchObject({ source: 'tempo', aggregates: true, sourceName: 'Tempo' })
  })

  it('answers 501 on Jaeger, which has no aggregate query API, and says so in capabilities', async () => {
    const { query, compare, capabilities } = await routesFor({ JAEGER_URL: `${server.url}/jaeger` })
    const response = await query.POST(post('/api/query', '{}'))
    expect(response.status).toBe(501)
    expect(await errorOf(response)).toMatchObject({ code: 'not_implemented', message: expect.stringMatching(/^Jaeger has no aggregate query API/) })
    expect((await compare.POST(post('/api/query/compare', '{"query":{},"selection":{}}'))).status).toBe(501)
    expect(await (await capabilities.GET()).json()).toMatchObject({ source: 'jaeger', aggregates: false, compare: false })
    expect(server.requests).toHaveLength(0)
  })
})

import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// An upstream that echoes what it was sent (its own URL with the query, every header, the token) in its error
// bodies, in each error envelope the sources read: what reaches the browser must name the upstream and the status
// and hold none of it.
vi.mock('server-only', () => ({}))
const PORT = 4868
const TOKEN = 'echo-test-token-5d0a71'
const ORG_ID = 'echo-test-tenant-88c2'
let server: Server

type Mode = 'url' | 'path' | 'headers' | 'token' | 'safe'

/** The error body an upstream sends when it echoes the request (mode) in the envelope of its kind. */
function echoBody(kind: string, mode: Mode, url: string, headers: Record<string, unknown>): { status: number; body: unknown } {
  const status = mode === 'headers' || mode === 'safe' ? 503 : 400
  const path = new URL(url).pathname + new URL(url).search
  const message = {
    url: `could not serve ${url}`,
    path: `no route for GET ${path}`,
    headers: `request headers: ${JSON.stringify(headers)}`,
    token: `access token ${TOKEN} is not valid for this project`,
    safe: 'internal failure',
  }[mode]
  if (kind === 'jaeger') return { status, body: { error: { httpCode: status, message } } }
  if (kind === 'rollbar') return { status, body: { err: 1, message } }
  if (kind === 'tempo') return { status, body: { message } }
  return { status, body: { error: { code: 'bad_request', message } } }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = `http://127.0.0.1:${PORT}${request.url}`
    const [, kind = 'store', mode = 'url'] = new URL(url).pathname.split('/')
    const reply = echoBody(kind, mode as Mode, url, request.headers)
    response.writeHead(reply.status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(reply.body))
  })
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve))
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const ENV_KEYS = [
  'SPANLIGHT_STORE_URL',
  'SPANLIGHT_READ_TOKEN',
  'SPANLIGHT_TRACE_SOURCE',
  'JAEGER_URL',
  'JAEGER_TOKEN',
  'TEMPO_URL',
  'TEMPO_TOKEN',
  'TEMPO_ORG_ID',
  'ROLLBAR_READ_TOKEN',
  'ROLLBAR_API_URL',
]

async function routesFor(env: Record<string, string>) {
  vi.resetModules()
  for (const key of ENV_KEYS) delete process.env[key]
  Object.assign(process.env, env)
  return { services: await import('../services/route'), traces: await import('../traces/route'), items: await import('../errors/items/route') }
}

const base = (kind: string, mode: Mode) => `http://127.0.0.1:${PORT}/${kind}/${mode}`

/** What the browser gets: the status and the parsed error, after checking the raw text holds nothing it must not. */
async function seen(response: Response): Promise<{ status: number; error: { code: string; message: string } }> {
  const text = await response.text()
  for (const secret of [TOKEN, ORG_ID, String(PORT), '127.0.0.1', 'http://', 'https://', '/api/', 'authorization', 'x-rollbar-access-token'])
    expect(text.toLowerCase(), `the response holds ${secret}`).not.toContain(secret.toLowerCase())
  return { status: response.status, error: (JSON.parse(text) as { error: { code: string; message: string } }).error }
}

const MODES: Mode[] = ['url', 'path', 'headers', 'token']
const ADVICE = { 400: 'it did not accept the request', 503: 'it is unavailable or overloaded; try again shortly' }
const statusOf = (mode: Mode) => (mode === 'headers' ? 503 : 400)

describe('upstream error text that echoes the request', () => {
  it.each(MODES)('the trace store echoing the %s: the trace search says the store and the status, nothing else', async (mode) => {
    const { traces } = await routesFor({ SPANLIGHT_STORE_URL: base('store', mode), SPANLIGHT_READ_TOKEN: TOKEN })
    const { status, error } = await seen(await traces.GET(new Request('http://127.0.0.1:3300/api/traces?service=checkout')))
    expect(status).toBe(502)
    expect(error).toEqual({ code: 'upstream_error', message: `the trace store answered HTTP ${statusOf(mode)} (${ADVICE[statusOf(mode)]})` })
  })

  it.each(MODES)('Jaeger echoing the %s: the services list says Jaeger and the status, nothing else', async (mode) => {
    const { services } = await routesFor({ JAEGER_URL: base('jaeger', mode), JAEGER_TOKEN: TOKEN })
    const { status, error } = await seen(await services.GET())
    expect(status).toBe(502)
    expect(error).toEqual({ code: 'upstream_error', message: `Jaeger answered HTTP ${statusOf(mode)} (${ADVICE[statusOf(mode)]})` })
  })

  it.each(MODES)('Tempo echoing the %s: the services list says Tempo and the status, nothing else', async (mode) => {
    const { services } = await routesFor({ TEMPO_URL: base('tempo', mode), TEMPO_TOKEN: TOKEN, TEMPO_ORG_ID: ORG_ID })
    const { status, error } = await seen(await services.GET())
    expect(status).toBe(502)
    expect(error).toEqual({ code: 'upstream_error', message: `Tempo answered HTTP ${statusOf(mode)} (${ADVICE[statusOf(mode)]})` })
  })

  it.each(MODES)("Rollbar's API echoing the %s: the items list says Rollbar and the status, nothing else", async (mode) => {
    const { items } = await routesFor({ ROLLBAR_READ_TOKEN: TOKEN, ROLLBAR_API_URL: base('rollbar', mode) })
    const { status, error } = await seen(await items.GET(new Request('http://127.0.0.1:3300/api/errors/items')))
    expect(status).toBe(502)
    expect(error).toEqual({ code: 'upstream_error', message: `Rollbar answered HTTP ${statusOf(mode)} (${ADVICE[statusOf(mode)]})` })
  })

  it("keeps an upstream's own message when it holds nothing of the request", async () => {
    const { items } = await routesFor({ ROLLBAR_READ_TOKEN: TOKEN, ROLLBAR_API_URL: base('rollbar', 'safe') })
    const { error } = await seen(await items.GET(new Request('http://127.0.0.1:3300/api/errors/items')))
    expect(error.message).toBe('Rollbar answered HTTP 503: internal failure')
  })
})

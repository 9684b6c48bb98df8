import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { createTraceStore, type TraceStore } from '@spanlight/trace-store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ATTR_APP_NOW, ATTR_APP_RESULT_LENGTH, MOCK_DATA_SPAN_NAME } from './activities/activity-routes.js'
import { startDemoApi, type RunningDemoApi } from './testing/start-demo-api.js'
import { TELEMETRY_SHUTDOWN_TIMEOUT_MS } from './telemetry/telemetry-settings.js'
import { attribute, SPAN_KIND_CLIENT, SPAN_KIND_SERVER, traceparent, waitForTrace } from './testing/trace-store-client.js'

const newTraceId = () => randomBytes(16).toString('hex')
const newSpanId = () => randomBytes(8).toString('hex')

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('the demo API under the OpenTelemetry Node SDK', () => {
  let store: TraceStore
  let api: RunningDemoApi

  beforeAll(async () => {
    store = await createTraceStore({ port: 0, databaseFile: ':memory:', log: () => {} })
    api = await startDemoApi({ SPANLIGHT_OTLP_ENDPOINT: store.url })
  })

  afterAll(async () => {
    await api?.stop()
    await store?.close()
  })

  it('continues the caller’s trace: the SERVER span is a child of the traceparent span', async () => {
    const traceId = newTraceId()
    const callerSpanId = newSpanId()
    const response = await fetch(`${api.url}/api/activities/home`, { headers: { traceparent: traceparent(traceId, callerSpanId) } })
    expect(response.status).toBe(200)

    const trace = await waitForTrace(store.url, traceId, (spans) => spans.some((span) => span.kind === SPAN_KIND_SERVER))
    const server = trace.spans.find((span) => span.kind === SPAN_KIND_SERVER)!
    expect(server.traceId).toBe(traceId)
    expect(server.parentSpanId).toBe(callerSpanId)
    expect(server.serviceName).toBe('demo-api')
    expect(server.name).toBe('GET /api/activities/home')
    expect(attribute(server, 'http.route')).toBe('/api/activities/home')
  })

  it('records the home feed’s mock-data span with app.now and app.result_length, and its query as a database child span', async () => {
    const traceId = newTraceId()
    const response = await fetch(`${api.url}/api/activities/home`, { headers: { traceparent: traceparent(traceId, newSpanId()) } })
    const { activities } = (await response.json()) as { activities: unknown[] }

    const trace = await waitForTrace(
      store.url,
      traceId,
      (spans) => spans.some((span) => span.name === MOCK_DATA_SPAN_NAME) && spans.some((span) => span.kind === SPAN_KIND_CLIENT),
    )
    const byId = new Map(trace.spans.map((span) => [span.spanId, span]))
    const server = trace.spans.find((span) => span.kind === SPAN_KIND_SERVER)!
    const mockData = trace.spans.find((span) => span.name === MOCK_DATA_SPAN_NAME)!
    expect(Date.parse(String(attribute(mockData, ATTR_APP_NOW)))).not.toBeNaN()
    expect(Number(attribute(mockData, ATTR_APP_RESULT_LENGTH))).toBe(activities.length)
    expect(activities.length).toBeGreaterThan(0)

    const query = trace.spans.find((span) => span.kind === SPAN_KIND_CLIENT)!
    expect(query.name).toBe('SELECT activities')
    expect(query.parentSpanId).toBe(mockData.spanId)
    expect(attribute(query, 'db.system.name')).toBe('sqlite')
    expect(attribute(query, 'db.operation.name')).toBe('SELECT')
    expect(attribute(query, 'db.collection.name')).toBe('activities')
    expect(String(attribute(query, 'db.query.text'))).toMatch(/^SELECT .* FROM activities/s)
    expect(Number(attribute(query, 'db.response.returned_rows'))).toBe(activities.length)

    // every span descends from the server span
    for (const span of trace.spans) {
      let ancestor = span
      while (ancestor.spanId !== server.spanId) ancestor = byId.get(ancestor.parentSpanId!)!
      expect(ancestor).toBe(server)
    }
  })

  it('traces each statement of a post, writes included, under one SERVER span', async () => {
    const traceId = newTraceId()
    const response = await fetch(`${api.url}/api/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: traceparent(traceId, newSpanId()) },
      body: JSON.stringify({ handle: 'worf', message: 'Qapla’ @garek' }),
    })
    expect(response.status).toBe(201)

    const trace = await waitForTrace(store.url, traceId, (spans) => spans.filter((span) => span.kind === SPAN_KIND_CLIENT).length >= 6)
    const server = trace.spans.find((span) => span.kind === SPAN_KIND_SERVER)!
    const handler = trace.spans.find((span) => span.parentSpanId === server.spanId && attribute(span, 'express.type') === 'request_handler')!
    const queries = trace.spans.filter((span) => span.kind === SPAN_KIND_CLIENT)
    // statements can start within the same microsecond, so compare as a set
    expect(queries.map((span) => span.name).sort()).toEqual(
      ['SELECT users', 'INSERT activities', 'UPDATE users', 'SELECT users', 'INSERT notifications', 'SELECT activities'].sort(),
    )
    expect(queries.every((span) => span.parentSpanId === handler.spanId)).toBe(true)
  })

  it('does not trace health checks or its own Rollbar reports', async () => {
    const traceId = newTraceId()
    await fetch(`${api.url}/api/health`, { headers: { traceparent: traceparent(traceId, newSpanId()) } })
    const failing = newTraceId()
    await fetch(`${api.url}/api/fail`, { headers: { traceparent: traceparent(failing, newSpanId()) } })
    const trace = await waitForTrace(store.url, failing, (spans) => spans.some((span) => span.kind === SPAN_KIND_SERVER))
    // give the health span every chance to show up: wait until a later trace is stored
    const later = newTraceId()
    await fetch(`${api.url}/api/activities/search?term=x`, { headers: { traceparent: traceparent(later, newSpanId()) } })
    await waitForTrace(store.url, later, (spans) => spans.length > 0)

    expect((await fetch(`${store.url}/api/traces/${traceId}`)).status).toBe(404)
    expect(trace.spans.filter((span) => span.kind === SPAN_KIND_CLIENT)).toEqual([])
  })
})

describe('start and shutdown', () => {
  it('refuses to start with a bad variable, naming it', async () => {
    await expect(startDemoApi({ DEMO_API_PORT: 'eighty' })).rejects.toThrow(/exited early[\s\S]*DEMO_API_PORT: must be a number/)
  })

  it('exits within a few seconds of SIGTERM even when the store is down', async () => {
    const port = await closedPort()
    const api = await startDemoApi({ SPANLIGHT_OTLP_ENDPOINT: `http://127.0.0.1:${port}` })
    // leave spans waiting for export
    expect((await fetch(`${api.url}/api/activities/home`)).status).toBe(200)
    const { durationMs, exitCode } = await api.stop()
    expect(exitCode).toBe(0)
    // unbounded, the SDK's flush retried for about 10 s; allow for a busy machine on top of the bound
    expect(durationMs).toBeLessThan(TELEMETRY_SHUTDOWN_TIMEOUT_MS + 3000)
  })
})

import { randomBytes } from 'node:crypto'
import { createTraceStore, type TraceStore } from '@spanlight/trace-store'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { INPUT_MESSAGES, MAX_MESSAGE_LENGTH } from './activities/activity-input.js'
import type { Activity, Notification } from './activities/activity-repository.js'
import type { ErrorBody } from './errors/app-error.js'
import { ATTR_ROLLBAR_UUID } from './errors/handle-errors.js'
import { FAIL_MESSAGE, MAX_BODY_BYTES } from './http/create-app.js'
import { startDemoApi, type RunningDemoApi } from './testing/start-demo-api.js'
import { attribute, SPAN_KIND_CLIENT, SPAN_KIND_SERVER, STATUS_ERROR, traceparent, waitForTrace } from './testing/trace-store-client.js'
import type { User } from './users/user-repository.js'

const SPA_ORIGIN = 'http://localhost:3000'

interface RollbarInstance {
  data: {
    uuid: string
    level: string
    environment: string
    custom: { trace_id?: string; span_id?: string }
    body: { trace_chain?: { exception?: { class?: string; message?: string } }[] }
  }
}

describe('the demo API over HTTP', () => {
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

  async function getJson<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
    const response = await fetch(`${api.url}${path}`, init)
    return { status: response.status, body: (await response.json()) as T }
  }

  function post(body: unknown, headers: Record<string, string> = {}) {
    return getJson<{ activity: Activity } & ErrorBody>('/api/activities', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  }

  async function snapshot() {
    const feed = await getJson<{ activities: Activity[] }>('/api/activities/home')
    const worf = await getJson<{ profile: User }>('/api/users/worf')
    return { feed: feed.body.activities, worfCount: worf.body.profile.activitiesCount }
  }

  it('answers health checks', async () => {
    expect(await getJson('/api/health')).toEqual({ status: 200, body: { status: 'ok', service: 'demo-api' } })
  })

  it('serves the seeded home feed, newest first', async () => {
    const { status, body } = await getJson<{ activities: Activity[] }>('/api/activities/home')
    expect(status).toBe(200)
    expect(body.activities.length).toBeGreaterThanOrEqual(5)
    const times = body.activities.map((activity) => activity.createdAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(body.activities[0]).toMatchObject({
      handle: expect.any(String),
      displayName: expect.any(String),
      message: expect.any(String),
      likesCount: expect.any(Number),
    })
  })

  it('finds activities by term and rejects an empty term naming the field', async () => {
    const found = await getJson<{ term: string; activities: Activity[] }>('/api/activities/search?term=tailor')
    expect(found.status).toBe(200)
    expect(found.body.activities.map((activity) => activity.handle)).toEqual(['garek'])
    const wildcard = await getJson<{ activities: Activity[] }>('/api/activities/search?term=%25')
    expect(wildcard.body.activities).toEqual([])

    const empty = await getJson<ErrorBody>('/api/activities/search?term=%20')
    expect(empty.status).toBe(422)
    expect(empty.body.error).toMatchObject({ code: 'validation_failed', field: 'term', fields: [{ field: 'term', message: INPUT_MESSAGES.termEmpty }] })
  })

  it('shows a profile with its activities, and 404 naming the handle for an unknown one', async () => {
    const { status, body } = await getJson<{ profile: User; activities: Activity[] }>('/api/users/garek')
    expect(status).toBe(200)
    expect(body.profile).toMatchObject({ handle: 'garek', displayName: 'Garek' })
    expect(body.activities.every((activity) => activity.handle === 'garek')).toBe(true)

    const unknown = await getJson<ErrorBody>('/api/users/nobody')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toMatchObject({ code: 'not_found', field: 'handle' })
  })

  it('posts an activity, counts it on the author and notifies the user it mentions', async () => {
    const before = await snapshot()
    const created = await post({ handle: 'worf', message: '  Honor to @garek!  ' })
    expect(created.status).toBe(201)
    expect(created.body.activity).toMatchObject({ handle: 'worf', message: 'Honor to @garek!', likesCount: 0 })

    const after = await snapshot()
    expect(after.feed[0]!.uuid).toBe(created.body.activity.uuid)
    expect(after.worfCount).toBe(before.worfCount + 1)
    const notifications = await getJson<{ notifications: Notification[] }>('/api/activities/notifications?handle=garek')
    expect(notifications.body.notifications[0]).toMatchObject({ kind: 'mention', activity: { uuid: created.body.activity.uuid } })
  })

  it.each([
    ['an empty message', { handle: 'worf', message: '   ' }, 'message', INPUT_MESSAGES.messageEmpty],
    ['an over-long message', { handle: 'worf', message: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) }, 'message', INPUT_MESSAGES.messageTooLong],
    ['a missing message', { handle: 'worf' }, 'message', INPUT_MESSAGES.required],
    ['a handle that is not text', { handle: 42, message: 'hi' }, 'handle', INPUT_MESSAGES.mustBeText],
  ])('rejects %s with 422 naming the field, and writes nothing', async (_label, body, field, message) => {
    const before = await snapshot()
    const traceId = randomBytes(16).toString('hex')
    const response = await post(body, { traceparent: traceparent(traceId, randomBytes(8).toString('hex')) })
    expect(response.status).toBe(422)
    expect(response.body.error).toMatchObject({ code: 'validation_failed', field, fields: [{ field, message }], traceId })
    expect(await snapshot()).toEqual(before)
  })

  it('accepts a message of exactly the maximum length, counted in characters', async () => {
    const response = await post({ handle: 'worf', message: '🛰'.repeat(MAX_MESSAGE_LENGTH) })
    expect(response.status).toBe(201)
  })

  it('rejects an unknown handle with 404 naming the field, and writes nothing', async () => {
    const before = await snapshot()
    const traceId = randomBytes(16).toString('hex')
    const response = await post({ handle: 'nobody', message: 'hello' }, { traceparent: traceparent(traceId, randomBytes(8).toString('hex')) })
    expect(response.status).toBe(404)
    expect(response.body.error).toMatchObject({ code: 'not_found', field: 'handle' })
    expect(await snapshot()).toEqual(before)

    const trace = await waitForTrace(store.url, traceId, (spans) => spans.some((span) => span.kind === SPAN_KIND_SERVER))
    const queries = trace.spans.filter((span) => span.kind === SPAN_KIND_CLIENT)
    expect(queries.map((span) => attribute(span, 'db.operation.name'))).toEqual(['SELECT'])
    expect(Number(attribute(trace.spans.find((span) => span.kind === SPAN_KIND_SERVER)!, 'http.response.status_code'))).toBe(404)
    // a client's mistake is not a failure of the API
    expect(trace.spans.filter((span) => span.status.code === STATUS_ERROR)).toEqual([])
  })

  it('answers malformed JSON with 400, oversized bodies with 413 and unknown paths with 404, as JSON', async () => {
    const malformed = await post('{"handle":')
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.code).toBe('bad_request')
    const tooLarge = await post({ handle: 'worf', message: 'x'.repeat(MAX_BODY_BYTES) })
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.body.error.code).toBe('payload_too_large')
    const missing = await getJson<ErrorBody>('/api/nothing-here')
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('not_found')
  })

  it('fails /api/fail with a bare 500, an ERROR server span with the exception, and a Rollbar item carrying the trace id', async () => {
    const traceId = randomBytes(16).toString('hex')
    const response = await getJson<ErrorBody>('/api/fail', { headers: { traceparent: traceparent(traceId, randomBytes(8).toString('hex')) } })
    expect(response.status).toBe(500)
    expect(response.body).toEqual({ error: { code: 'internal', message: 'internal error', traceId } })

    const trace = await waitForTrace(store.url, traceId, (spans) => spans.some((span) => span.kind === SPAN_KIND_SERVER))
    const server = trace.spans.find((span) => span.kind === SPAN_KIND_SERVER)!
    expect(server.status.code).toBe(STATUS_ERROR)
    expect(server.events.map((event) => event.name)).toContain('exception')

    const instance = await vi.waitFor(
      async () => {
        const items = (await (await fetch(`${store.url}/api/1/items`)).json()) as { result: { items: { id: number; title: string }[] } }
        for (const item of items.result.items.filter((candidate) => candidate.title.includes(FAIL_MESSAGE))) {
          const page = (await (await fetch(`${store.url}/api/1/item/${item.id}/instances`)).json()) as { result: { instances: RollbarInstance[] } }
          const match = page.result.instances.find((candidate) => candidate.data.custom.trace_id === traceId)
          if (match) return match
        }
        throw new Error('the Rollbar item is not in the store yet')
      },
      { timeout: 10_000, interval: 50 },
    )
    expect(instance.data.custom.span_id).toBe(server.spanId)
    expect(instance.data.level).toBe('error')
    expect(instance.data.body.trace_chain?.[0]?.exception).toMatchObject({ class: 'Error', message: FAIL_MESSAGE })
    expect(attribute(server, ATTR_ROLLBAR_UUID)).toBe(instance.data.uuid)
    expect(ATTR_ROLLBAR_UUID).toBe('rollbar.item.uuid')
  })

  it('allows the SPA origin to send trace headers (CORS preflight), and not other origins', async () => {
    const preflight = await fetch(`${api.url}/api/activities`, {
      method: 'OPTIONS',
      headers: { origin: SPA_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,traceparent,tracestate,baggage' },
    })
    expect(preflight.status).toBeLessThan(300)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN)
    const allowed = preflight.headers
      .get('access-control-allow-headers')!
      .split(',')
      .map((header) => header.trim().toLowerCase())
    expect(allowed).toEqual(expect.arrayContaining(['traceparent', 'tracestate', 'baggage', 'content-type']))
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')

    const actual = await fetch(`${api.url}/api/activities/home`, { headers: { origin: SPA_ORIGIN } })
    expect(actual.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN)

    const foreign = await fetch(`${api.url}/api/activities/home`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' },
    })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })
})

import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { getJson, postJson, readJson, startTestStore } from '../../test-support/test-store.js'

type Store = Awaited<ReturnType<typeof startTestStore>>

interface Item {
  id: number
  status: string
  total_occurrences: number
  last_activated_timestamp: number
  last_resolved_timestamp: number | null
}

const HOUR_SEC = 3600

async function report(store: Store, message: string, uuid: string, timestampSec: number): Promise<number> {
  const data = { environment: 'test', level: 'error', uuid, timestamp: timestampSec, body: { message: { body: message } } }
  const response = await postJson(`${store.url}/api/1/item/`, { data }, { 'x-rollbar-access-token': 'local' })
  expect(response.status).toBe(200)
  const { body } = await getJson<{ result: { items: Item[] } }>(`${store.url}/api/1/items?q=${encodeURIComponent(message)}`)
  return body.result.items[0]!.id
}

function patch(store: Store, itemId: number | string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${store.url}/api/1/item/${itemId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** A PATCH with a Host header of the test's choosing (fetch will not send one); resolves to the status. */
function patchWithHost(store: Store, itemId: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      `${store.url}/api/1/item/${itemId}`,
      { method: 'PATCH', headers: { host, 'content-type': 'application/json' } },
      (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode!))
      },
    )
    outgoing.on('error', reject)
    outgoing.end(JSON.stringify({ status: 'resolved' }))
  })
}

async function itemOf(store: Store, itemId: number): Promise<Item> {
  return (await getJson<{ result: Item }>(`${store.url}/api/1/item/${itemId}`)).body.result
}

describe('item status through PATCH /api/1/item/:id', () => {
  let store: Store | undefined
  afterEach(() => store?.close())

  it('resolves an item and answers with it as GET does; a new occurrence reactivates it', async () => {
    store = await startTestStore()
    const nowSec = Math.floor(Date.now() / 1000)
    const itemId = await report(store, 'checkout failed', 'first', nowSec - 2 * HOUR_SEC)
    const response = await patch(store, itemId, { status: 'resolved' })
    expect(response.status).toBe(200)
    const { err, result } = await readJson<{ err: number; result: Item }>(response)
    expect(err).toBe(0)
    expect(result).toEqual(await itemOf(store, itemId))
    expect(result.status).toBe('resolved')
    expect(result.last_resolved_timestamp).toBeGreaterThanOrEqual(nowSec)
    expect(result.last_activated_timestamp).toBe(nowSec - 2 * HOUR_SEC)

    await report(store, 'checkout failed', 'again', nowSec - 60)
    const reactivated = await itemOf(store, itemId)
    expect(reactivated).toMatchObject({ status: 'active', last_activated_timestamp: nowSec - 60, total_occurrences: 2 })
    expect(reactivated.last_resolved_timestamp).toBe(result.last_resolved_timestamp)
  })

  it('keeps muted and archived items so when they recur', async () => {
    store = await startTestStore()
    const nowSec = Math.floor(Date.now() / 1000)
    for (const status of ['muted', 'archived']) {
      const itemId = await report(store, `noisy ${status}`, `${status}-1`, nowSec - HOUR_SEC)
      expect((await patch(store, itemId, { status })).status).toBe(200)
      await report(store, `noisy ${status}`, `${status}-2`, nowSec - 60)
      expect(await itemOf(store, itemId)).toMatchObject({ status, total_occurrences: 2, last_activated_timestamp: nowSec - HOUR_SEC })
    }
  })

  it('reopens an item by hand', async () => {
    store = await startTestStore()
    const nowSec = Math.floor(Date.now() / 1000)
    const itemId = await report(store, 'flaky', 'flaky-1', nowSec - HOUR_SEC)
    await patch(store, itemId, { status: 'resolved' })
    const reopened = await readJson<{ result: Item }>(await patch(store, itemId, { status: 'active' }))
    expect(reopened.result.status).toBe('active')
    expect(reopened.result.last_activated_timestamp).toBeGreaterThanOrEqual(nowSec)
  })

  it('answers bad changes with 400 and unknown items with 404, in Rollbar’s envelope', async () => {
    store = await startTestStore()
    const itemId = await report(store, 'x failed', 'x-1', Math.floor(Date.now() / 1000))
    const cases: [unknown, string][] = [
      [{ status: 'fixed' }, 'status: must be active, resolved, muted or archived'],
      [{}, 'status: must be active, resolved, muted or archived'],
      [{ status: 'resolved', level: 'info' }, 'unknown parameter(s): level'],
      ['{"status":', 'body is not valid JSON'],
      [['resolved'], 'body must be a JSON object'],
    ]
    for (const [body, message] of cases) {
      const response = await patch(store, itemId, body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(await readJson(response)).toEqual({ err: 1, message })
    }
    const unknown = await patch(store, 999_999, { status: 'resolved' })
    expect(unknown.status).toBe(404)
    expect(await readJson(unknown)).toEqual({ err: 1, message: 'item not found' })
    expect((await itemOf(store, itemId)).status).toBe('active')
  })

  it('needs the write token when one is set, and the read token does not do', async () => {
    store = await startTestStore({ writeToken: 'write-token', readToken: 'read-token' })
    const data = { environment: 'test', body: { message: { body: 'guarded' } } }
    expect((await postJson(`${store.url}/api/1/item/`, { data }, { 'x-rollbar-access-token': 'local' })).status).toBe(200)
    const itemId = 1
    const without = await patch(store, itemId, { status: 'resolved' })
    expect(without.status).toBe(401)
    expect(await readJson(without)).toEqual({ err: 1, message: 'invalid access token' })
    expect((await patch(store, itemId, { status: 'resolved' }, { 'x-rollbar-access-token': 'read-token' })).status).toBe(401)
    expect((await patch(store, itemId, { status: 'resolved' }, { 'x-rollbar-access-token': 'write-token' })).status).toBe(200)
  })

  it('needs the read token when only a read token is set', async () => {
    store = await startTestStore({ readToken: 'read-token' })
    const data = { environment: 'test', body: { message: { body: 'guarded by the read token' } } }
    expect((await postJson(`${store.url}/api/1/item/`, { data }, { 'x-rollbar-access-token': 'local' })).status).toBe(200)
    expect((await patch(store, 1, { status: 'resolved' })).status).toBe(401)
    expect((await patch(store, 1, { status: 'resolved' }, { 'x-rollbar-access-token': 'read-token' })).status).toBe(200)
  })

  it('passes the origin checks every route does, and CORS allows PATCH to allowed origins', async () => {
    store = await startTestStore()
    const itemId = await report(store, 'cors', 'cors-1', Math.floor(Date.now() / 1000))
    const preflight = await fetch(`${store.url}/api/1/item/${itemId}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'content-type' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH')
    const allowed = await patch(store, itemId, { status: 'muted' }, { origin: 'http://localhost:3000' })
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')

    const foreign = await patch(store, itemId, { status: 'resolved' }, { origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    expect(await patchWithHost(store, itemId, 'evil.example')).toBe(403)
    expect((await itemOf(store, itemId)).status).toBe('muted')
  })
})

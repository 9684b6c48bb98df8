import Rollbar from 'rollbar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getJson, postJson, readJson, startTestStore } from '../../test-support/test-store.js'

type Store = Awaited<ReturnType<typeof startTestStore>>

interface ItemsResult {
  err: number
  result: {
    page: number
    total_count: number
    items: { id: number; title: string; level: string; environment: string; total_occurrences: number; status: string; first_occurrence_timestamp: number }[]
  }
}
interface InstancesResult {
  err: number
  result: {
    page: number
    instances: { id: number; item_id: number; timestamp: number; data: { uuid: string; custom?: Record<string, unknown>; body: unknown } }[]
  }
}

function reportWith(rollbar: Rollbar, send: (callback: Rollbar.Callback) => void): Promise<unknown> {
  return new Promise((resolve, reject) => send((error, response) => (error ? reject(error) : resolve(response))))
}

describe('Rollbar-compatible API with the real rollbar Node package', () => {
  let store: Store
  let rollbar: Rollbar

  beforeAll(async () => {
    store = await startTestStore({ rollbarPostToken: 'post-token' })
    rollbar = new Rollbar({
      accessToken: 'post-token',
      endpoint: `${store.url}/api/1/item/`,
      environment: 'test',
      captureUncaught: false,
      captureUnhandledRejections: false,
    })
    const traceId = '5b8efff798038103d269b633813fc60c'
    await reportWith(rollbar, (callback) => rollbar.error(new TypeError('x is undefined'), { trace_id: traceId, span_id: 'eee19b7ec3c1b174' }, callback))
    await reportWith(rollbar, (callback) => rollbar.error(new TypeError('x is undefined'), { trace_id: 'f'.repeat(32) }, callback))
    await reportWith(rollbar, (callback) => rollbar.warning('cart is slow', { trace_id: traceId }, callback))
  })
  afterAll(() => store.close())

  it('groups occurrences of the same exception into one item and lists items newest first', async () => {
    const { body } = await getJson<ItemsResult>(`${store.url}/api/1/items`)
    expect(body.err).toBe(0)
    expect(body.result.total_count).toBe(2)
    const exception = body.result.items.find((item) => item.title === 'TypeError: x is undefined')!
    expect(exception).toMatchObject({ level: 'error', environment: 'test', status: 'active', total_occurrences: 2 })
    expect(exception.first_occurrence_timestamp).toBeGreaterThan(1_700_000_000)
    expect(exception.first_occurrence_timestamp).toBeLessThan(Date.now() / 1000 + 1)
    const message = body.result.items.find((item) => item.title === 'cart is slow')!
    expect(message).toMatchObject({ level: 'warning', total_occurrences: 1 })
  })

  it('returns the occurrences of an item newest first with their custom trace data', async () => {
    const { body: items } = await getJson<ItemsResult>(`${store.url}/api/1/items?level=error`)
    const itemId = items.result.items[0]!.id
    const { body } = await getJson<InstancesResult>(`${store.url}/api/1/item/${itemId}/instances`)
    expect(body.result.instances).toHaveLength(2)
    expect(body.result.instances.map((instance) => instance.data.custom?.trace_id)).toEqual(['f'.repeat(32), '5b8efff798038103d269b633813fc60c'])
    expect(body.result.instances[1]!.data.custom?.span_id).toBe('eee19b7ec3c1b174')
    expect(body.result.instances[0]!.item_id).toBe(itemId)

    const { body: item } = await getJson<{ err: number; result: { id: number; total_occurrences: number } }>(`${store.url}/api/1/item/${itemId}`)
    expect(item.result).toMatchObject({ id: itemId, total_occurrences: 2 })
  })

  it('filters items by level, status and environment', async () => {
    const warnings = await getJson<ItemsResult>(`${store.url}/api/1/items?level=warning`)
    expect(warnings.body.result.items.map((item) => item.title)).toEqual(['cart is slow'])
    const both = await getJson<ItemsResult>(`${store.url}/api/1/items?level=warning&level=error&status=active`)
    expect(both.body.result.total_count).toBe(2)
    const otherEnvironment = await getJson<ItemsResult>(`${store.url}/api/1/items?environment=production`)
    expect(otherEnvironment.body.result.items).toEqual([])
  })

  it('stores a payload posted twice with the same uuid once', async () => {
    const data = { uuid: 'same-uuid-1', environment: 'test', level: 'error', body: { message: { body: 'posted twice' } } }
    const first = await postJson(`${store.url}/api/1/item/`, { data }, { 'x-rollbar-access-token': 'post-token' })
    const second = await postJson(`${store.url}/api/1/item/`, { data }, { 'x-rollbar-access-token': 'post-token' })
    expect(await readJson(first)).toEqual(await readJson(second))
    const { body } = await getJson<ItemsResult>(`${store.url}/api/1/items?q=posted%20twice`)
    expect(body.result.items[0]!.total_occurrences).toBe(1)
  })

  it('answers bad posts and bad queries in Rollbar’s error envelope', async () => {
    const noToken = await postJson(`${store.url}/api/1/item/`, { data: { body: { message: { body: 'x' } } } })
    expect(noToken.status).toBe(401)
    expect(await readJson(noToken)).toEqual({ err: 1, message: 'missing access token' })
    const wrongToken = await postJson(`${store.url}/api/1/item/`, { data: { body: { message: { body: 'x' } } } }, { 'x-rollbar-access-token': 'nope' })
    expect(wrongToken.status).toBe(401)
    const noBody = await postJson(`${store.url}/api/1/item/`, { data: { level: 'error' } }, { 'x-rollbar-access-token': 'post-token' })
    expect(noBody.status).toBe(422)
    expect((await readJson(noBody)).message).toBe('data.body must be an object')
    const badLevel = await getJson<{ err: number; message: string }>(`${store.url}/api/1/items?level=fatal`)
    expect(badLevel.status).toBe(400)
    expect(badLevel.body.message).toBe('level: must be debug, info, warning, error or critical')
    const unknownItem = await getJson<{ err: number; message: string }>(`${store.url}/api/1/item/999999`)
    expect(unknownItem.status).toBe(404)
    expect(unknownItem.body).toEqual({ err: 1, message: 'item not found' })
  })
})

describe('Rollbar-compatible API with a read token', () => {
  it('requires X-Rollbar-Access-Token on reads', async () => {
    const store = await startTestStore({ readToken: 'read-token' })
    try {
      const without = await getJson<{ err: number; message: string }>(`${store.url}/api/1/items`)
      expect(without.status).toBe(401)
      expect(without.body).toEqual({ err: 1, message: 'invalid access token' })
      const withToken = await fetch(`${store.url}/api/1/items`, { headers: { 'x-rollbar-access-token': 'read-token' } })
      expect(withToken.status).toBe(200)
    } finally {
      await store.close()
    }
  })
})

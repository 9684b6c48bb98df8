import { afterEach, describe, expect, it } from 'vitest'
import { getJson, postJson, startTestStore } from '../../test-support/test-store.js'

type Store = Awaited<ReturnType<typeof startTestStore>>

interface ItemsResult {
  result: { total_count: number; items: { id: number; title: string; total_occurrences: number }[] }
}
interface InstancesResult {
  result: { instances: { data: { uuid: string } }[] }
}

const HOUR_SEC = 3600

async function report(store: Store, message: string, uuid: string, timestampSec = Math.floor(Date.now() / 1000)): Promise<void> {
  const response = await postJson(
    `${store.url}/api/1/item/`,
    { data: { environment: 'test', level: 'error', uuid, timestamp: timestampSec, body: { message: { body: message } } } },
    { 'x-rollbar-access-token': 'local' },
  )
  expect(response.status).toBe(200)
}

async function items(store: Store) {
  return (await getJson<ItemsResult>(`${store.url}/api/1/items`)).body.result.items
}

async function instanceUuids(store: Store, itemId: number): Promise<string[]> {
  const { body } = await getJson<InstancesResult>(`${store.url}/api/1/item/${itemId}/instances`)
  return body.result.instances.map((instance) => instance.data.uuid)
}

describe('Rollbar retention', () => {
  let store: Store | undefined
  afterEach(() => store?.close())

  it('deletes occurrences older than the age limit, and an item with none left', async () => {
    store = await startTestStore({ retentionMaxAgeMs: HOUR_SEC * 1000 })
    const nowSec = Math.floor(Date.now() / 1000)
    await report(store, 'seen only long ago', 'old-1', nowSec - 3 * HOUR_SEC)
    await report(store, 'seen again today', 'old-2', nowSec - 3 * HOUR_SEC)
    await report(store, 'seen again today', 'new-2', nowSec - 60)

    expect(store.prune()).toMatchObject({ deletedOccurrences: 2, deletedItems: 1 })
    const kept = await items(store)
    expect(kept.map((item) => item.title)).toEqual(['seen again today'])
    // the item's counter still counts every occurrence it had, as Rollbar's does
    expect(kept[0]!.total_occurrences).toBe(2)
    expect(await instanceUuids(store, kept[0]!.id)).toEqual(['new-2'])
  })

  it('keeps the number of occurrences bounded, deleting the earliest received first, and items with them', async () => {
    store = await startTestStore({ retentionMaxRollbarOccurrences: 10 })
    await report(store, 'once, first', 'first')
    for (let index = 0; index < 10; index += 1) await report(store, 'over and over', `loop-${index}`)

    // the 11th occurrence passed the limit: down to 90% of it, earliest first
    const kept = await items(store)
    expect(kept.map((item) => item.title)).toEqual(['over and over'])
    expect(kept[0]!.total_occurrences).toBe(10)
    expect(await instanceUuids(store, kept[0]!.id)).toEqual(Array.from({ length: 9 }, (_, index) => `loop-${9 - index}`))
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getJson, postJson, readJson, startTestStore } from '../../test-support/test-store.js'
import type { SavedQuery } from '../store/saved-queries.js'

type Store = Awaited<ReturnType<typeof startTestStore>>

const QUERY = { time_range: 3600, calculations: [{ op: 'P95', column: 'duration_ms' }], filters: [{ column: 'name', op: '=', value: 'GET /home' }] }

describe('saved queries', () => {
  let store: Store
  beforeAll(async () => {
    store = await startTestStore()
  })
  afterAll(async () => {
    await store.close()
  })

  const list = async () => (await getJson<{ savedQueries: SavedQuery[] }>(`${store.url}/api/saved-queries`)).body.savedQueries

  it('saves a valid query under a name, lists the newest first, and deletes it', async () => {
    const first = await postJson(`${store.url}/api/saved-queries`, { name: '  Slow home  ', query: QUERY })
    expect(first.status).toBe(201)
    const { savedQuery } = await readJson<{ savedQuery: SavedQuery }>(first)
    expect(savedQuery).toMatchObject({ name: 'Slow home', query: QUERY })
    expect((await postJson(`${store.url}/api/saved-queries`, { name: 'Errors', query: { calculations: [{ op: 'COUNT' }] } })).status).toBe(201)
    expect((await list()).map((saved) => saved.name)).toEqual(['Errors', 'Slow home'])

    expect((await fetch(`${store.url}/api/saved-queries/${savedQuery.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await list()).map((saved) => saved.name)).toEqual(['Errors'])
    expect((await fetch(`${store.url}/api/saved-queries/${savedQuery.id}`, { method: 'DELETE' })).status).toBe(404)
  })

  it('refuses an invalid query or name with 400 naming the field, and saves nothing', async () => {
    const before = await list()
    for (const [body, message] of [
      [{ name: 'x', query: { calculations: [{ op: 'P95' }] } }, /^query\.calculations\[0\]: P95 needs a numeric column/],
      [{ name: '', query: QUERY }, /^name: must be text/],
      [{ name: 'x'.repeat(201), query: QUERY }, /^name: must be text/],
      [{ query: QUERY }, /^name: must be text/],
      [{ name: 'x', query: QUERY, owner: 'me' }, /^unknown field\(s\): owner/],
    ] as const) {
      const response = await postJson(`${store.url}/api/saved-queries`, body)
      expect(response.status).toBe(400)
      expect((await readJson<{ error: { message: string } }>(response)).error.message).toMatch(message)
    }
    expect(await list()).toEqual(before)
  })
})

describe('saved queries with tokens', () => {
  let store: Store
  beforeAll(async () => {
    store = await startTestStore({ readToken: 'reader', writeToken: 'writer' })
  })
  afterAll(async () => {
    await store.close()
  })

  it('saving and deleting need the write token; the read token lists', async () => {
    const asReader = { authorization: 'Bearer reader' }
    expect((await postJson(`${store.url}/api/saved-queries`, { name: 'x', query: QUERY }, asReader)).status).toBe(401)
    expect((await postJson(`${store.url}/api/saved-queries`, { name: 'x', query: QUERY })).status).toBe(401)
    const saved = await postJson(`${store.url}/api/saved-queries`, { name: 'x', query: QUERY }, { authorization: 'Bearer writer' })
    expect(saved.status).toBe(201)
    const { savedQuery } = await readJson<{ savedQuery: SavedQuery }>(saved)
    expect((await fetch(`${store.url}/api/saved-queries/${savedQuery.id}`, { method: 'DELETE', headers: asReader })).status).toBe(401)
    const listed = await getJson<{ savedQueries: SavedQuery[] }>(`${store.url}/api/saved-queries`, { headers: asReader })
    expect(listed.body.savedQueries.map((query) => query.id)).toEqual([savedQuery.id])
    expect((await fetch(`${store.url}/api/saved-queries`)).status).toBe(401)
  })
})

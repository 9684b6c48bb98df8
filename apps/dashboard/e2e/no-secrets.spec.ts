import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import { READ_TOKEN, STORE_PORT } from './ports'
import { sendCheckoutTrace, waitForStore } from './seed'

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.next', 'static')

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

test('the built client assets contain no token value', () => {
  const files = filesUnder(STATIC_DIR)
  expect(files.length).toBeGreaterThan(0)
  for (const file of files) {
    const text = readFileSync(file, 'latin1')
    expect(text.includes(READ_TOKEN), `${file} holds the read token`).toBe(false)
    expect(text.includes(`127.0.0.1:${STORE_PORT}`), `${file} holds the store URL`).toBe(false)
  }
})

test('no proxy response or page contains the token or the upstream URL', async ({ request }) => {
  const seeded = await sendCheckoutTrace(`secrets-${Date.now()}`, randomUUID())
  await waitForStore<{ spans: unknown[] }>(`/api/traces/${seeded.traceId}`, (trace) => trace.spans.length === 2)
  const items = (await (await request.get('/api/errors/items')).json()) as { items: { id: number }[] }
  const itemId = items.items[0]?.id ?? 1
  const paths = [
    '/api/config',
    '/api/services',
    `/api/operations?service=${seeded.apiService}`,
    '/api/traces',
    '/api/traces?minDurationMs=bad',
    `/api/traces/${seeded.traceId}`,
    `/api/traces/${seeded.traceId}/otlp`,
    `/api/traces/${seeded.traceId}/outline`,
    `/api/traces/${seeded.traceId}/spans/${seeded.apiSpanId}`,
    `/api/traces/${seeded.traceId}/search?q=checkout`,
    `/api/traces/${seeded.traceId}/errors?startMs=0`,
    '/api/traces/0123456789abcdef0123456789abcdef',
    '/api/traces/nope',
    '/api/errors/items',
    '/api/errors/items?status=bogus',
    `/api/errors/items/${itemId}`,
    `/api/errors/items/${itemId}/occurrences`,
    '/api/errors/items/99999',
    '/',
    '/traces',
    `/traces/${seeded.traceId}`,
    '/errors',
    '/query',
    '/frontend',
  ]
  for (const url of paths) {
    const response = await request.get(url)
    const text = await response.text()
    expect(response.status(), url).toBeLessThan(500)
    expect(text.includes(READ_TOKEN), `${url} leaks the read token`).toBe(false)
    expect(text.includes(`127.0.0.1:${STORE_PORT}`), `${url} leaks the store URL`).toBe(false)
    for (const [name, value] of Object.entries(response.headers())) expect(value.includes(READ_TOKEN), `${url} header ${name}`).toBe(false)
  }
})

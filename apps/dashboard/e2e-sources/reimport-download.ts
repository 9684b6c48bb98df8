import type { TraceView } from '@spanlight/trace-store'
import { expect, type Page } from '@playwright/test'
import { readFile } from 'node:fs/promises'
import { STORE_URL } from './upstreams'

/**
 * Downloads the open trace with the page's "Download OTLP JSON" link, as a user would, posts the file's bytes to the
 * store's OTLP receiver and reads back what the store then holds.
 */
export async function reimportDownload(page: Page, traceId: string): Promise<{ text: string; view: TraceView }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download OTLP JSON' }).click()])
  expect(download.suggestedFilename()).toBe(`trace-${traceId}.otlp.json`)
  const text = await readFile(await download.path(), 'utf8')
  const posted = await fetch(`${STORE_URL}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })
  expect(await posted.text()).toBe('{}')
  const read = await fetch(`${STORE_URL}/api/traces/${traceId}`)
  expect(read.status).toBe(200)
  return { text, view: (await read.json()) as TraceView }
}

export const spanById = (view: TraceView, spanId: string) => view.spans.find((span) => span.spanId === spanId)!

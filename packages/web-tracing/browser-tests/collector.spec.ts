import { createServer } from 'node:net'
import { startRecordingServer } from './support/recording-server.js'
import { expect, test, waitForTrace } from './support/fixtures.js'

interface TestApi {
  fetchInSpan: (name: string, requests: { url: string }[]) => Promise<{ traceId: string; results: { status: number; body: string }[] }>
  makeSpans: (count: number) => void
  flush: () => Promise<void>
  stats: () => { exportedSpans: number; droppedSpans: number; failedSpans: number; queuedSpans: number }
}

/** A port nothing listens on: bind a free one, then close it. */
async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

test.describe('when the collector is down or pushing back', () => {
  test('the app keeps working and the queue stays bounded, counting the dropped spans', async ({ page, servers, openPage }) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await openPage('tracing', { endpoint: await closedPortUrl(), maxQueueSize: 10, exportDelayMs: 50 })
    const result = await page.evaluate(
      ([api]) => (window as never as { __TEST__: TestApi }).__TEST__.fetchInSpan('works offline', [{ url: `${api}/api/orders` }]),
      [servers.api.origin],
    )
    expect(result.results[0]).toEqual({ status: 200, body: JSON.stringify({ ok: true, path: '/api/orders' }) })
    await page.evaluate(() => (window as never as { __TEST__: TestApi }).__TEST__.makeSpans(50))
    const stats = await page.evaluate(() => (window as never as { __TEST__: TestApi }).__TEST__.stats())
    expect(stats.queuedSpans).toBeLessThanOrEqual(10)
    expect(stats.droppedSpans).toBeGreaterThanOrEqual(40)
    expect(stats.exportedSpans).toBe(0)
    expect(errors).toEqual([])
  })

  test('retries 429 and 503 after their Retry-After and then delivers', async ({ page, servers, openPage }) => {
    const answers = [
      { status: 429, retryAfter: '1' },
      { status: 503, retryAfter: '1' },
    ]
    const attempts: number[] = []
    const collector = await startRecordingServer({
      cors: { allowHeaders: ['content-type'] },
      async handle(request, response) {
        attempts.push(Date.now())
        const answer = answers.shift()
        if (answer) {
          request.resume()
          response
            .writeHead(answer.status, { 'retry-after': answer.retryAfter, 'access-control-expose-headers': 'Retry-After', 'content-type': 'application/json' })
            .end('{}')
          return true
        }
        // forward to the real store
        const chunks: Buffer[] = []
        for await (const chunk of request) chunks.push(chunk as Buffer)
        const stored = await fetch(`${servers.store.url}/v1/traces`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: Buffer.concat(chunks),
        })
        response.writeHead(stored.status, { 'content-type': 'application/json' }).end(await stored.text())
        return true
      },
    })
    try {
      await openPage('tracing', { endpoint: collector.origin, exportDelayMs: 10 })
      const result = await page.evaluate(
        ([api]) => (window as never as { __TEST__: TestApi }).__TEST__.fetchInSpan('retried', [{ url: `${api}/api/orders` }]),
        [servers.api.origin],
      )
      await waitForTrace(servers.store, result.traceId, 2)
      expect(attempts.length).toBeGreaterThanOrEqual(3)
      // each retry waited at least the Retry-After second (lower bounds only)
      expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(950)
      expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(950)
    } finally {
      await collector.close()
    }
  })
})

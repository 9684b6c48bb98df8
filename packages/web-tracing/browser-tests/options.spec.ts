import { expect, test, waitForServiceTrace } from './support/fixtures.js'

type Api = { threw: () => boolean; messages: () => Record<string, string>; fetchApi: () => Promise<number>; flush: () => Promise<void> }

test('bad options never throw: each problem is one [spanlight] warning and tracing still works', async ({ page, servers, openPage }) => {
  const warnings: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text())
  })
  await openPage('bad-options', { serviceName: 'unknown_service:web' })
  expect(await page.evaluate(() => (window as never as { __TEST__: Api }).__TEST__.threw())).toBe(false)
  const messages = await page.evaluate(() => (window as never as { __TEST__: Api }).__TEST__.messages())
  expect(warnings).toContain(`[spanlight] ${messages.missingServiceName} (serviceName)`)
  expect(warnings).toContain(`[spanlight] ${messages.invalidSampleRate} (sampleRate)`)
  expect(warnings).toContain(`[spanlight] ${messages.invalidPropagationTarget} (propagateTo)`)
  expect(await page.evaluate(() => (window as never as { __TEST__: Api }).__TEST__.fetchApi())).toBe(200)
  // the valid target still gets the header despite the invalid one next to it
  expect(servers.api.requests.find((request) => request.path === '/api/after-bad-options')!.headers.traceparent).toBeDefined()
  await page.evaluate(() => (window as never as { __TEST__: Api }).__TEST__.flush())
  // a throwing redactUrl callback is reported, and the span is exported anyway
  await waitForServiceTrace(servers.store, 'unknown_service:web', ['GET'])
  expect(warnings.some((warning) => warning.startsWith(`[spanlight] ${messages.callbackFailed}`))).toBe(true)
})

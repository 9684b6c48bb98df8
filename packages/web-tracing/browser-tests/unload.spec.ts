import { expect, test, waitForServiceTrace } from './support/fixtures.js'

test.describe('delivery when the page goes away', () => {
  test('a click followed at once by navigation loses no span, 20 times in a row', async ({ page, servers, openPage }) => {
    const services: string[] = []
    for (let iteration = 0; iteration < 20; iteration++) {
      const config = await openPage('unload', { serviceName: `unload-${iteration}-${Date.now()}` })
      services.push(config.serviceName)
      await page.click('#checkout')
      await page.goto(`${servers.app.origin}/blank.html`)
    }
    for (const service of services) {
      const trace = await waitForServiceTrace(servers.store, service, ['checkout click', 'POST'])
      const click = trace.spans.find((span) => span.name === 'checkout click')!
      const fetchSpan = trace.spans.find((span) => span.name === 'POST')!
      expect(fetchSpan.parentSpanId).toBe(click.spanId)
    }
  })
})

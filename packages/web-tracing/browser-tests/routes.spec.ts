import type { TraceView } from '@spanlight/trace-store'
import { attribute, callPage as call, expect, test, waitForServiceSpans, type Page } from './support/fixtures.js'
import type { Servers } from './support/fixtures.js'

type Span = TraceView['spans'][number]

/** Waits until the page has exported everything it recorded and the store holds it all; returns the spans. */
async function everySpan(page: Page, servers: Servers, service: string, done: (spans: Span[]) => boolean): Promise<Span[]> {
  await waitForServiceSpans(servers, service, done)
  await call(page, 'flush')
  const { exportedSpans } = await call<{ exportedSpans: number }>(page, 'stats')
  return waitForServiceSpans(servers, service, (spans) => spans.length >= exportedSpans && done(spans))
}

const navigations = (spans: Span[]) =>
  spans.filter((span) => span.name.startsWith('navigation ')).sort((a, b) => Number(BigInt(a.startTimeUnixNano) - BigInt(b.startTimeUnixNano)))
const endNano = (span: Span) => BigInt(span.startTimeUnixNano) + BigInt(Math.round(span.durationMs * 1e6))

test.describe('route changes (/routes)', () => {
  test('push, replace, back and hash navigations each give one span with the page and where it came from', async ({ page, servers, openPage }) => {
    const config = await openPage('routes')
    expect(await call(page, 'started')).toBe(true)
    await call(page, 'push', '/orders/42?tab=items')
    // same path, other query: the router storing state, not a navigation
    await call(page, 'replace', '/orders/42?tab=history')
    await call(page, 'replace', '/orders/43')
    await call(page, 'push', '/settings')
    expect(await call(page, 'back')).toBe('/orders/43')
    await call(page, 'setHash', '#details')
    // pushState of the URL the page is on already
    await call(page, 'push', '/orders/43#details')

    const spans = await everySpan(page, servers, config.serviceName, (found) => navigations(found).length >= 5)
    const recorded = navigations(spans).map((span) => ({
      name: span.name,
      type: attribute(span, 'browser.navigation.type'),
      path: attribute(span, 'browser.page.path'),
      route: attribute(span, 'browser.page.route'),
      from: attribute(span, 'browser.navigation.from.path'),
    }))
    expect(recorded).toEqual([
      { name: 'navigation /orders/:id', type: 'push', path: '/orders/42', route: '/orders/:id', from: '/pages/routes.html' },
      { name: 'navigation /orders/:id', type: 'replace', path: '/orders/43', route: '/orders/:id', from: '/orders/42' },
      { name: 'navigation /settings', type: 'push', path: '/settings', route: undefined, from: '/orders/43' },
      { name: 'navigation /orders/:id', type: 'pop', path: '/orders/43', route: '/orders/:id', from: '/settings' },
      { name: 'navigation /orders/:id', type: 'hash', path: '/orders/43', route: '/orders/:id', from: '/orders/43' },
    ])
    for (const span of navigations(spans)) {
      expect(span.parentSpanId ?? '').toBe('')
      expect(attribute(span, 'session.id')).toBeTruthy()
      expect(['settled', 'next_navigation']).toContain(attribute(span, 'spanlight.navigation.end'))
    }
    expect(attribute(navigations(spans).at(-1)!, 'spanlight.navigation.end')).toBe('settled')
  })

  test('a fetch made on page B carries page B, and the navigation to B lasts until that fetch ended', async ({ page, servers, openPage }) => {
    const config = await openPage('routes', { fetchDelayMs: 300 })
    await call(page, 'push', '/orders/7', true)
    await expect.poll(() => call<string[]>(page, 'fetched')).toEqual(['/orders/7'])
    const spans = await everySpan(page, servers, config.serviceName, (found) => navigations(found).length === 1 && found.some((span) => span.name === 'GET'))
    const [navigation] = navigations(spans)
    const fetchSpan = spans.find((span) => span.name === 'GET')!
    expect(attribute(fetchSpan, 'browser.page.path')).toBe('/orders/7')
    expect(attribute(fetchSpan, 'browser.page.route')).toBe('/orders/:id')
    expect(attribute(navigation!, 'spanlight.navigation.end')).toBe('settled')
    // the page settled when its data had arrived: the fetch (300 ms at the server) ends within the navigation
    expect(endNano(navigation!)).toBeGreaterThanOrEqual(endNano(fetchSpan))
    expect(navigation!.durationMs).toBeGreaterThanOrEqual(300)
    expect(navigation!.durationMs).toBeLessThan(10_000)
  })

  test('a hostile page: a throwing route callback, refused History calls and secrets in the query never break the app nor get recorded', async ({
    page,
    servers,
    openPage,
  }) => {
    const warnings: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text())
    })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const config = await openPage('routes', { routeThrows: true })
    // the browser refuses the same calls with the same errors, wrapped or not
    const { before, after } = await call<{ before: string[]; after: string[] }>(page, 'oddCalls')
    expect(after).toEqual(before)
    expect(before.filter((result) => result !== 'ok').length).toBeGreaterThanOrEqual(3)

    await call(page, 'push', '/reset/confirm?token=s3cret-token&email=a%40b.example#access_token=s3cret-fragment')
    await call(page, 'push', '/reset/done?code=s3cret-code')
    await call(page, 'setHash', '#id_token=s3cret-hash')
    expect(await call(page, 'startedAgain')).toBe(true)
    await call(page, 'push', '/after')

    const spans = await everySpan(page, servers, config.serviceName, (found) => navigations(found).length >= 4)
    expect(navigations(spans).map((span) => span.name)).toEqual([
      'navigation /reset/confirm',
      'navigation /reset/done',
      'navigation /reset/done',
      'navigation /after',
    ])
    for (const span of navigations(spans)) expect(attribute(span, 'browser.page.route')).toBeUndefined()
    // nothing the page recorded holds the query or the fragment
    expect(JSON.stringify(spans)).not.toContain('s3cret')
    // the callback threw on every navigation: one warning, and the page never saw an error
    expect(await call<number>(page, 'routeCalls')).toBeGreaterThanOrEqual(5)
    expect(warnings.filter((warning) => warning.startsWith('[spanlight] traceRoutes: the route callback threw'))).toHaveLength(1)
    expect(warnings).toContain('[spanlight] traceRoutes was called again; route changes are already recorded')
    expect(errors).toEqual([])
  })

  test("a React app routed through the History API: a link push and the back button, with the page on the effect's fetch", async ({
    page,
    servers,
    openPage,
  }) => {
    const config = await openPage('routes-react')
    await page.click('#to-order-7')
    await expect(page.locator('#order')).toHaveText('order 7 loaded')
    await page.goBack()
    await expect(page.locator('#home')).toBeVisible()

    const spans = await everySpan(page, servers, config.serviceName, (found) => navigations(found).length >= 2 && found.some((span) => span.name === 'GET'))
    expect(navigations(spans).map((span) => [span.name, attribute(span, 'browser.navigation.type'), attribute(span, 'browser.page.path')])).toEqual([
      ['navigation /orders/:id', 'push', '/orders/7'],
      ['navigation /pages/:name', 'pop', '/pages/routes-react.html'],
    ])
    const [toOrder] = navigations(spans)
    const fetchSpan = spans.find((span) => span.name === 'GET')!
    expect(attribute(fetchSpan, 'browser.page.path')).toBe('/orders/7')
    expect(attribute(fetchSpan, 'browser.page.route')).toBe('/orders/:id')
    expect(endNano(toOrder!)).toBeGreaterThanOrEqual(endNano(fetchSpan))
  })

  test('with the interactions entry, the navigation of a link click is the child of the click span', async ({ page, servers, openPage }) => {
    const config = await openPage('routes-react', { withInteractions: true })
    await page.click('#to-order-7')
    await expect(page.locator('#order')).toHaveText('order 7 loaded')
    const spans = await everySpan(page, servers, config.serviceName, (found) => navigations(found).length >= 1)
    const clicks = spans.filter((span) => attribute(span, 'browser.interaction.type') === 'click')
    expect(clicks).toHaveLength(1)
    const [navigation] = navigations(spans)
    expect(navigation!.name).toBe('navigation /orders/:id')
    expect(navigation!.traceId).toBe(clicks[0]!.traceId)
    expect(navigation!.parentSpanId).toBe(clicks[0]!.spanId)
    // the click span started on the page the click happened on
    expect(attribute(clicks[0]!, 'browser.page.path')).toBe('/pages/routes-react.html')
  })
})

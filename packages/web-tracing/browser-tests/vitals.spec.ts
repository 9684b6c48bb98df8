import type { TraceView } from '@spanlight/trace-store'
import { attribute, expect, test, waitForServiceSpans, type Page } from './support/fixtures.js'

type Span = TraceView['spans'][number]
interface Reference {
  name: string
  value: number
  rating: string
  target?: string
  url?: string
  eventType?: string
  invoker?: string
}
interface VitalsPage {
  seen(): { layoutShift: boolean; slowEvents: number }
  references(): Reference[]
  stats(): { exportedSpans: number; queuedSpans: number }
  setVisibility(state: 'visible' | 'hidden'): void
  afterIdle(): Promise<void>
}

const VITALS = ['TTFB', 'FCP', 'LCP', 'CLS', 'INP']
/** The page's `__TEST__` API, called from the test. */
function vitalsPage(page: Page) {
  return {
    seen: () => page.evaluate(() => (window as unknown as { __TEST__: VitalsPage }).__TEST__.seen()),
    references: () => page.evaluate(() => (window as unknown as { __TEST__: VitalsPage }).__TEST__.references()),
    stats: () => page.evaluate(() => (window as unknown as { __TEST__: VitalsPage }).__TEST__.stats()),
    setVisibility: (state: 'visible' | 'hidden') =>
      page.evaluate((next) => (window as unknown as { __TEST__: VitalsPage }).__TEST__.setVisibility(next), state),
    /** web-vitals takes in event entries when the page is idle: until then INP does not know an interaction (and loses it if the page is hidden first) */
    afterIdle: () => page.evaluate(() => (window as unknown as { __TEST__: VitalsPage }).__TEST__.afterIdle()),
  }
}

const vitalSpans = (spans: Span[], name: string) => spans.filter((span) => span.name === `web vital ${name}`)
const hasEveryVital = (spans: Span[]) => VITALS.every((name) => vitalSpans(spans, name).length > 0)

/** Loads the page, waits until the image painted and shifted, then clicks #slow and waits until the browser timed that click. */
async function produceVitals(page: Page) {
  const api = vitalsPage(page)
  await expect.poll(async () => (await api.seen()).layoutShift).toBe(true)
  await page.click('#slow')
  await expect.poll(async () => (await api.seen()).slowEvents).toBeGreaterThanOrEqual(1)
  await api.afterIdle()
}

function expectSpanToMatch(span: Span, reference: Reference) {
  expect(Number(attribute(span, 'browser.web_vital.value'))).toBe(reference.value)
  expect(attribute(span, 'browser.web_vital.rating')).toBe(reference.rating)
  expect(attribute(span, 'browser.web_vital.name')).toBe(reference.name.toLowerCase())
}

test.describe('web vitals (/vitals)', () => {
  test('reports each vital once, equal to what web-vitals reports, and sends them as the page is left', async ({ page, servers, openPage }) => {
    const config = await openPage('vitals')
    await produceVitals(page)
    await page.goto(`${servers.app.origin}/blank.html`)

    // what web-vitals' own callbacks reported in the same page, sent by beacon
    let references: Reference[] = []
    await expect
      .poll(() => {
        references = servers.api.requests
          .filter((request) => request.path.startsWith('/reference?'))
          .map((request) => Object.fromEntries(new URLSearchParams(request.path.slice('/reference?'.length))))
          // the servers live as long as the worker: this page's reports only
          .filter((fields) => fields.service === config.serviceName)
          .map((fields) => fields as unknown as Reference)
          .map((reference) => ({ ...reference, value: Number(reference.value) }))
        return VITALS.filter((name) => !references.some((reference) => reference.name === name))
      })
      .toEqual([])
    const spans = await waitForServiceSpans(servers, config.serviceName, hasEveryVital)

    for (const name of VITALS) {
      expect(vitalSpans(spans, name), `${name} spans`).toHaveLength(1)
      expect(
        references.filter((reference) => reference.name === name),
        `${name} reports of web-vitals`,
      ).toHaveLength(1)
      expectSpanToMatch(vitalSpans(spans, name)[0]!, references.find((reference) => reference.name === name)!)
    }
    const [lcp] = vitalSpans(spans, 'LCP')
    const lcpReference = references.find((reference) => reference.name === 'LCP')!
    expect(attribute(lcp!, 'browser.web_vital.attribution.target')).toBe(lcpReference.target)
    expect(lcpReference.target).toContain('#hero')
    expect(attribute(lcp!, 'browser.web_vital.attribution.url')).toBe(`${servers.app.origin}/images/hero.png`)

    const [inp] = vitalSpans(spans, 'INP')
    const inpReference = references.find((reference) => reference.name === 'INP')!
    expect(Number(attribute(inp!, 'browser.web_vital.value'))).toBeGreaterThanOrEqual(200)
    expect(attribute(inp!, 'browser.web_vital.attribution.interaction_target')).toBe(inpReference.target)
    expect(inpReference.target).toContain('#slow')
    expect(attribute(inp!, 'browser.web_vital.attribution.interaction_type')).toBe('pointer')
    expect(attribute(inp!, 'browser.web_vital.attribution.event_type')).toBe(inpReference.eventType)
    expect(['pointerdown', 'pointerup', 'click']).toContain(inpReference.eventType)
    // Chromium has the Long Animation Frames API: the script that blocked is named
    expect(inpReference.invoker).toBeTruthy()
    expect(attribute(inp!, 'browser.web_vital.attribution.longest_script.invoker')).toBe(inpReference.invoker)
    expect(Number(attribute(inp!, 'browser.web_vital.attribution.processing_duration'))).toBeGreaterThanOrEqual(200)

    const [cls] = vitalSpans(spans, 'CLS')
    const clsReference = references.find((reference) => reference.name === 'CLS')!
    expect(Number(attribute(cls!, 'browser.web_vital.value'))).toBeGreaterThan(0)
    expect(attribute(cls!, 'browser.web_vital.attribution.largest_shift_target')).toBe(clsReference.target)

    // one page view: one navigation id, the page's path and the app's route template on every vital
    const vitals = VITALS.map((name) => vitalSpans(spans, name)[0]!)
    expect(new Set(vitals.map((span) => attribute(span, 'spanlight.navigation.id'))).size).toBe(1)
    for (const span of vitals) {
      expect(attribute(span, 'url.path')).toBe('/pages/vitals.html')
      expect(attribute(span, 'url.template')).toBe('/pages/:name')
      expect(attribute(span, 'browser.page.path')).toBe('/pages/vitals.html')
      expect(attribute(span, 'browser.page.route')).toBe('/pages/:name')
      expect(attribute(span, 'session.id')).toBeTruthy()
      // no interaction was recorded: each vital is a trace of its own
      expect(span.parentSpanId ?? '').toBe('')
    }
  })

  test('a page hidden, shown and hidden again records the first report of each vital only', async ({ page, servers, openPage }) => {
    const warnings: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text())
    })
    const config = await openPage('vitals', { routeThrows: true })
    await produceVitals(page)
    const api = vitalsPage(page)
    await api.setVisibility('hidden')
    await api.setVisibility('visible')
    await page.click('#slower')
    await expect.poll(async () => (await api.seen()).slowEvents).toBeGreaterThanOrEqual(2)
    await api.afterIdle()
    await api.setVisibility('hidden')

    // web-vitals reported the grown INP again; wait until the page has exported everything it recorded
    const references = await api.references()
    const inpReports = references.filter((reference) => reference.name === 'INP')
    expect(inpReports.length).toBe(2)
    expect(inpReports[1]!.value).toBeGreaterThan(inpReports[0]!.value)
    await expect.poll(async () => (await api.stats()).queuedSpans).toBe(0)
    const { exportedSpans } = await api.stats()
    const spans = await waitForServiceSpans(servers, config.serviceName, (found) => found.length >= exportedSpans)

    for (const name of VITALS) {
      expect(vitalSpans(spans, name), `${name} spans`).toHaveLength(1)
      expectSpanToMatch(vitalSpans(spans, name)[0]!, references.find((reference) => reference.name === name)!)
    }
    // the route callback threw: logged once per report, never thrown into the page; url.path is still there
    expect(warnings.some((warning) => warning.startsWith('[spanlight] traceWebVitals: the route callback threw'))).toBe(true)
    for (const name of VITALS) {
      expect(attribute(vitalSpans(spans, name)[0]!, 'url.template')).toBeUndefined()
      expect(attribute(vitalSpans(spans, name)[0]!, 'browser.page.route')).toBeUndefined()
      expect(attribute(vitalSpans(spans, name)[0]!, 'url.path')).toBe('/pages/vitals.html')
      expect(attribute(vitalSpans(spans, name)[0]!, 'browser.page.path')).toBe('/pages/vitals.html')
    }
  })

  test('with traceRoutes, each vital carries the page it was reported on and its route, and INP is the child of its interaction', async ({
    page,
    servers,
    openPage,
  }) => {
    const config = await openPage('vitals', { withRoutes: true, noteInteractions: true })
    await produceVitals(page)
    // the app moves on: CLS and INP are reported when the page is left, on the new page
    await page.evaluate(() => (window as unknown as { __TEST__: { push(url: string): void } }).__TEST__.push('/orders/9'))
    const interactions = await page.evaluate(() =>
      (window as unknown as { __TEST__: { interactions(): { traceId: string; spanId: string }[] } }).__TEST__.interactions(),
    )
    expect(interactions).toHaveLength(1)
    await page.goto(`${servers.app.origin}/blank.html`)

    const spans = await waitForServiceSpans(
      servers,
      config.serviceName,
      (found) => hasEveryVital(found) && found.some((span) => span.name === 'test interaction'),
    )
    const pageOf = (name: string) => [attribute(vitalSpans(spans, name)[0]!, 'browser.page.path'), attribute(vitalSpans(spans, name)[0]!, 'browser.page.route')]
    // TTFB and FCP are reported as the page loads, LCP at the first input: before the route change
    for (const name of ['TTFB', 'FCP', 'LCP']) expect(pageOf(name), name).toEqual(['/pages/vitals.html', '/pages/:name'])
    for (const name of ['CLS', 'INP']) {
      expect(pageOf(name), name).toEqual(['/orders/9', '/orders/:id'])
      // traceRoutes' route callback stands in for traceWebVitals' own option
      expect(attribute(vitalSpans(spans, name)[0]!, 'url.template')).toBe('/orders/:id')
    }

    const [inp] = vitalSpans(spans, 'INP')
    expect(inp!.traceId).toBe(interactions[0]!.traceId)
    expect(inp!.parentSpanId).toBe(interactions[0]!.spanId)
    for (const name of ['TTFB', 'FCP', 'LCP', 'CLS']) expect(vitalSpans(spans, name)[0]!.parentSpanId ?? '', name).toBe('')
  })

  test('with the interactions entry, INP is the child of the click span it measures', async ({ page, servers, openPage }) => {
    const config = await openPage('vitals', { withInteractions: true })
    await produceVitals(page)
    await page.goto(`${servers.app.origin}/blank.html`)
    const spans = await waitForServiceSpans(servers, config.serviceName, (found) => vitalSpans(found, 'INP').length > 0)
    const clicks = spans.filter((span) => attribute(span, 'browser.interaction.type') === 'click')
    expect(clicks.map((span) => attribute(span, 'browser.interaction.target.name'))).toEqual(['Slow'])
    const [inp] = vitalSpans(spans, 'INP')
    expect(inp!.traceId).toBe(clicks[0]!.traceId)
    expect(inp!.parentSpanId).toBe(clicks[0]!.spanId)
  })
})

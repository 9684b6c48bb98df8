import type { TraceView } from '@spanlight/trace-store'
import { attribute, expect, fetchTrace, getJson, test, type Page, type Servers } from './support/fixtures.js'

type Span = TraceView['spans'][number]
interface InteractionsPage {
  started(): boolean
  settled(): string[]
  errors(): string[]
  unrelatedFetches(): number
  stopBackground(): Promise<void>
  stats(): { exportedSpans: number; queuedSpans: number }
  shutdown(): Promise<void>
  wrapped(): string[]
  flush(): Promise<void>
}
const call = <K extends keyof InteractionsPage>(page: Page, name: K) =>
  page.evaluate((key) => (window as unknown as { __TEST__: InteractionsPage }).__TEST__[key]() as unknown, name) as Promise<
    Awaited<ReturnType<InteractionsPage[K]>>
  >

/** Each case: what the test does, the fetches it causes (`/api/caused/<name>`), and the interaction span they must be children of. */
interface Case {
  act: (page: Page) => Promise<void>
  fetches: string[]
  span: string
  type: 'click' | 'submit' | 'keydown'
  tag: string
}
const TYPED_COUPON = 'SECRET-COUPON-42'
const TYPED_QUERY = 'my secret query'
const click = (selector: string) => (page: Page) => page.click(selector)
const press = (selector: string, key: string) => (page: Page) => page.press(selector, key)

const CASES: Record<string, Case> = {
  'no await': { act: click('#zero'), fetches: ['zero'], span: 'click Zero awaits', type: 'click', tag: 'button' },
  'one await of a resolved promise': { act: click('#one'), fetches: ['one'], span: 'click One await', type: 'click', tag: 'button' },
  'an await of a timer': { act: click('#timer'), fetches: ['timer'], span: 'click After a timer', type: 'click', tag: 'button' },
  'three awaits (resolved, timer, fetch)': {
    act: click('#three'),
    fetches: ['three-first', 'three-second'],
    span: 'click Three awaits',
    type: 'click',
    tag: 'button',
  },
  'a click on a submit button': {
    act: async (page) => {
      await page.locator('#coupon').pressSequentially(TYPED_COUPON)
      await page.click('#place-order')
    },
    fetches: ['submit'],
    span: 'submit Checkout',
    type: 'submit',
    tag: 'form',
  },
  'Enter in a form field': { act: press('#coupon', 'Enter'), fetches: ['submit'], span: 'submit Checkout', type: 'submit', tag: 'form' },
  'a click on a label (which clicks its checkbox)': {
    act: click('#gift-wrap-label'),
    fetches: ['label'],
    span: 'click Gift wrap',
    type: 'click',
    tag: 'label',
  },
  'Enter on a button': { act: press('#save-draft', 'Enter'), fetches: ['save-draft'], span: 'keydown Save draft', type: 'keydown', tag: 'button' },
  'Space on a button': { act: press('#save-draft', ' '), fetches: ['save-draft'], span: 'keydown Save draft', type: 'keydown', tag: 'button' },
  'Enter in a search field (label for)': {
    act: async (page) => {
      await page.locator('#search').pressSequentially(TYPED_QUERY)
      await page.press('#search', 'Enter')
    },
    fetches: ['search'],
    span: 'keydown Search products',
    type: 'keydown',
    tag: 'input',
  },
  'aria-labelledby': { act: click('#empty-cart'), fetches: ['labelledby'], span: 'click Shopping cart', type: 'click', tag: 'button' },
  title: { act: click('#help'), fetches: ['title'], span: 'click Help', type: 'click', tag: 'button' },
  'a link named by its image': { act: click('#home img'), fetches: ['alt'], span: 'click Home', type: 'click', tag: 'a' },
  'a button input': { act: click('#apply'), fetches: ['value'], span: 'click Apply', type: 'click', tag: 'input' },
  'data-spanlight-name': { act: click('#promo'), fetches: ['data-name'], span: 'click Promo banner', type: 'click', tag: 'div' },
  'data-spanlight-name over the text': { act: click('#person'), fetches: ['named-over-text'], span: 'click customer profile', type: 'click', tag: 'a' },
  'no interactive element': { act: click('#plain-area'), fetches: ['plain'], span: 'click div#plain-area', type: 'click', tag: 'div' },
  'a handler that throws': { act: click('#throws'), fetches: ['throws'], span: 'click Break', type: 'click', tag: 'button' },
  'an SVG inside a button': { act: click('#svg-rect'), fetches: ['svg-button'], span: 'click Delete item', type: 'click', tag: 'button' },
  'an SVG button': { act: click('#svg-role'), fetches: ['svg-role'], span: 'click Zoom in', type: 'click', tag: 'svg' },
  'a button its handler removes': { act: click('#remove-me'), fetches: ['detached'], span: 'click Remove me', type: 'click', tag: 'button' },
  'a button in a shadow root': { act: click('#shadow-save'), fetches: ['shadow'], span: 'click Shadow save', type: 'click', tag: 'button' },
  'React (listener on the root container)': { act: click('#react-save'), fetches: ['react'], span: 'click React save', type: 'click', tag: 'button' },
  'React, an effect of the click': {
    act: click('#react-effect'),
    fetches: ['react-effect'],
    span: 'click Save with an effect',
    type: 'click',
    tag: 'button',
  },
  'React, a div with onClick': { act: click('#react-card'), fetches: ['react-card'], span: 'click product-card', type: 'click', tag: 'div' },
}
const HUGE_LABEL_CASE: Case = { act: click('#huge'), fetches: ['huge'], span: '', type: 'click', tag: 'button' }

const urlOf = (span: Span) => String(attribute(span, 'url.full') ?? '')
const isInteraction = (span: Span) => attribute(span, 'browser.interaction.type') !== undefined

/** Every span the store holds for `service`, polled until `count(spans)` equals `expected`. */
async function waitForServiceSpans<T>(servers: Servers, service: string, count: (spans: Span[]) => T, expected: T): Promise<Span[]> {
  let spans: Span[] = []
  await expect
    .poll(
      async () => {
        const { body } = await getJson<{ traces: { traceId: string }[] }>(`${servers.store.url}/api/traces?service=${encodeURIComponent(service)}&limit=1000`)
        const traces = await Promise.all((body.traces ?? []).map((summary) => fetchTrace(servers.store, summary.traceId)))
        spans = traces.flatMap((trace) => trace?.spans ?? [])
        return count(spans)
      },
      { message: `spans of ${service}` },
    )
    .toEqual(expected)
  return spans
}

test.describe('interactions (/interactions)', () => {
  test('every fetch an interaction causes is its child, after awaits and without zone.js; background fetches never are', async ({
    page,
    servers,
    openPage,
  }) => {
    const config = await openPage('interactions')
    expect(await call(page, 'started')).toBe(true)
    await expect.poll(() => call(page, 'unrelatedFetches')).toBeGreaterThanOrEqual(3)

    const expectedSettled: string[] = []
    const runCase = async (name: string, testCase: Case) => {
      await testCase.act(page)
      expectedSettled.push(...testCase.fetches)
      await expect.poll(async () => (await call(page, 'settled')).length, { message: name }).toBe(expectedSettled.length)
    }
    for (const [name, testCase] of Object.entries(CASES)) await runCase(name, testCase)
    await runCase('a huge aria-label', HUGE_LABEL_CASE)
    // two overlapping interactions: B is clicked while A's slow fetch runs
    await page.click('#slow-a')
    await page.click('#fast-b')
    expectedSettled.push('overlap-a-first', 'overlap-a-second', 'overlap-b-first', 'overlap-b-second')
    await expect.poll(async () => (await call(page, 'settled')).length, { message: 'overlapping' }).toBe(expectedSettled.length)

    // the handler's error still reached the page, as without tracing
    expect(await call(page, 'errors')).toEqual([expect.stringContaining('handler failed on purpose')])

    await call(page, 'stopBackground')
    const unrelatedFetches = await call(page, 'unrelatedFetches')
    // every fetch span ends ~300 ms after its response; then everything recorded is exported
    const fetchCounts = (spans: Span[]) => ({
      caused: spans.filter((span) => urlOf(span).includes('/api/caused/')).length,
      unrelated: spans.filter((span) => urlOf(span).includes('/api/unrelated/')).length,
    })
    const spans = await waitForServiceSpans(servers, config.serviceName, fetchCounts, { caused: expectedSettled.length, unrelated: unrelatedFetches })
    const byId = new Map(spans.map((span) => [span.spanId, span]))
    const parentOf = (span: Span) => (span.parentSpanId ? byId.get(span.parentSpanId) : undefined)
    const interactions = spans.filter(isInteraction)

    // caused fetches: each the child of an interaction span of its case's name
    let attributed = 0
    const causedFetches = spans.filter((span) => urlOf(span).includes('/api/caused/'))
    const expectedParent = new Map<string, Case>()
    for (const testCase of [...Object.values(CASES), HUGE_LABEL_CASE]) for (const fetch of testCase.fetches) expectedParent.set(fetch, testCase)
    const failures: string[] = []
    for (const fetchSpan of causedFetches) {
      const name = /\/api\/caused\/([\w-]+)/.exec(urlOf(fetchSpan))![1]!
      const parent = parentOf(fetchSpan)
      const expected = expectedParent.get(name)
      const expectedName = name.startsWith('overlap-a') ? 'click Load slowly' : name.startsWith('overlap-b') ? 'click Load quickly' : expected?.span
      const ok = parent !== undefined && isInteraction(parent) && (expectedName ? parent.name === expectedName : parent.name.startsWith('click Huge label'))
      if (ok) attributed++
      else failures.push(`${name}: parent ${parent?.name ?? 'none'}`)
    }
    // unrelated fetches: never under an interaction
    const unrelated = spans.filter((span) => urlOf(span).includes('/api/unrelated/'))
    const misattributed = unrelated.filter((span) => {
      for (let parent = parentOf(span); parent; parent = parentOf(parent)) if (isInteraction(parent)) return true
      return false
    })
    // and some of them did run while an interaction was open (or the check would prove nothing)
    const during = unrelated.filter((span) =>
      interactions.some(
        (interaction) =>
          BigInt(span.startTimeUnixNano) >= BigInt(interaction.startTimeUnixNano) && BigInt(span.startTimeUnixNano) <= BigInt(interaction.endTimeUnixNano),
      ),
    )
    console.log(
      `attribution: ${attributed}/${causedFetches.length} caused fetches attributed, ${misattributed.length}/${unrelated.length} unrelated (${during.length} of them started while an interaction was open)`,
    )
    expect(failures).toEqual([])
    expect(causedFetches).toHaveLength(expectedSettled.length)
    expect(attributed).toBe(expectedSettled.length)
    expect(misattributed.map(urlOf)).toEqual([])
    expect(during.length).toBeGreaterThan(0)

    // the interaction spans: names, attributes, times
    for (const [name, testCase] of Object.entries(CASES)) {
      const span = interactions.find((candidate) => candidate.name === testCase.span)
      expect(span, name).toBeDefined()
      expect(attribute(span!, 'browser.interaction.type'), name).toBe(testCase.type)
      expect(attribute(span!, 'browser.interaction.target.tag'), name).toBe(testCase.tag)
      expect(attribute(span!, 'browser.interaction.target.name'), name).toBe(testCase.span.slice(testCase.type.length + 1))
      expect(span!.parentSpanId, name).toBeNull()
      // the span covers its fetches
      for (const child of spans.filter((candidate) => candidate.parentSpanId === span!.spanId)) {
        expect(BigInt(child.startTimeUnixNano) >= BigInt(span!.startTimeUnixNano), name).toBe(true)
        expect(BigInt(child.endTimeUnixNano) <= BigInt(span!.endTimeUnixNano) + 400_000_000n, name).toBe(true)
      }
    }
    expect(interactions.filter((span) => span.name === 'submit Checkout')).toHaveLength(2)
    expect(interactions.filter((span) => span.name === 'keydown Save draft')).toHaveLength(2)
    // the label's click on its checkbox is no second interaction
    expect(interactions.filter((span) => span.name.startsWith('click Gift wrap'))).toHaveLength(1)
    const selector = (name: string) => attribute(interactions.find((span) => span.name === name)!, 'browser.interaction.target.selector')
    expect(selector('click Zero awaits')).toBe('button#zero')
    expect(selector('submit Checkout')).toBe('form#checkout-form')
    expect(selector('click product-card')).toBe('div#react-card')
    const huge = interactions.find((span) => span.name.startsWith('click Huge label'))!
    expect(String(attribute(huge, 'browser.interaction.target.name'))).toHaveLength(64)

    // overlapping: A's fetches under A, B's under B
    const parentName = (fetch: string) => parentOf(causedFetches.find((span) => urlOf(span).includes(`/api/caused/${fetch}`))!)?.spanId
    expect(parentName('overlap-a-first')).toBe(parentName('overlap-a-second'))
    expect(parentName('overlap-b-first')).toBe(parentName('overlap-b-second'))
    expect(parentName('overlap-a-first')).not.toBe(parentName('overlap-b-first'))

    // what the user typed is nowhere, not even in fetch URLs
    const everything = JSON.stringify(spans)
    expect(everything).not.toContain(TYPED_COUPON)
    expect(everything).not.toContain(TYPED_QUERY)
    expect(everything).not.toContain('my secret')
  })

  test('stops with the tracing handle: the browser functions are back and clicks are no longer recorded', async ({ page, servers, openPage }) => {
    const config = await openPage('interactions')
    expect(await call(page, 'wrapped')).toEqual(['fetch', 'setTimeout', 'setInterval', 'requestAnimationFrame', 'json'])
    await call(page, 'stopBackground')
    await call(page, 'shutdown')
    expect(await call(page, 'wrapped')).toEqual([])
    await page.click('#zero')
    await expect.poll(() => call(page, 'settled')).toEqual(['zero'])
    // the fetch after shutdown is not traced at all, and nothing was recorded for the click
    const { body } = await getJson<{ traces: { rootSpanName: string }[] }>(
      `${servers.store.url}/api/traces?service=${encodeURIComponent(config.serviceName)}&limit=1000`,
    )
    expect(body.traces.filter((trace) => trace.rootSpanName.startsWith('click'))).toEqual([])
  })

  test('with zone.js: the scope follows native awaits, and a span the app starts keeps its children', async ({ page, servers, openPage }) => {
    const config = await openPage('interactions-zone')
    const settled = () => page.evaluate(() => (window as unknown as { __TEST__: { settled(): string[] } }).__TEST__.settled())
    await page.click('#zone-awaits')
    await expect.poll(settled).toEqual(['zone-first', 'zone-second'])
    await page.click('#zone-own-span')
    await expect.poll(settled).toHaveLength(3)
    await page.evaluate(() => (window as unknown as { __TEST__: { stopBackground(): void } }).__TEST__.stopBackground())

    const names = (spans: Span[]) => [...new Set(spans.filter((span) => span.name !== 'GET').map((span) => span.name))].sort()
    const causedCount = (spans: Span[]) => spans.filter((span) => urlOf(span).includes('/api/caused/')).length
    const spans = await waitForServiceSpans(servers, config.serviceName, (found) => ({ names: names(found), caused: causedCount(found) }), {
      names: ['checkout', 'click Awaits under zone', 'click Own span'],
      caused: 3,
    })
    const byId = new Map(spans.map((span) => [span.spanId, span]))
    const parentName = (fetch: string) => {
      const fetchSpan = spans.find((span) => urlOf(span).includes(`/api/caused/${fetch}`))
      return fetchSpan?.parentSpanId ? byId.get(fetchSpan.parentSpanId)?.name : undefined
    }
    expect(parentName('zone-first')).toBe('click Awaits under zone')
    expect(parentName('zone-second')).toBe('click Awaits under zone')
    expect(parentName('zone-own')).toBe('checkout')
    const checkout = spans.find((span) => span.name === 'checkout')!
    expect(byId.get(checkout.parentSpanId!)?.name).toBe('click Own span')
    const polls = spans.filter((span) => urlOf(span).includes('/api/unrelated/'))
    expect(polls.length).toBeGreaterThan(0)
    expect(polls.filter((span) => span.parentSpanId !== null)).toEqual([])
  })

  test('an interaction still open when the page is left is ended and sent with the page-exit export', async ({ page, servers, openPage }) => {
    const config = await openPage('interactions')
    await page.click('#slow-a')
    // its first fetch takes 600 ms: the interaction is open when the page goes away
    await page.goto(`${servers.app.origin}/blank.html`)
    const spans = await waitForServiceSpans(servers, config.serviceName, (found) => found.filter((span) => span.name === 'click Load slowly').length, 1)
    const interaction = spans.find((span) => span.name === 'click Load slowly')!
    expect(BigInt(interaction.endTimeUnixNano) - BigInt(interaction.startTimeUnixNano)).toBeLessThan(600_000_000n)
  })
})

import type { TraceView } from '@spanlight/trace-store'
import { attribute, callPage as call, expect, test, waitForServiceSpans, type Page } from './support/fixtures.js'
import type { Servers } from './support/fixtures.js'

type Span = TraceView['spans'][number]

/**
 * Waits until the browser reported `count` long frames of at least `minMs`
 * since the page was ready, the page exported everything it recorded and the
 * store holds it all; returns the spans, and the frame spans of that time
 * (loading the page can take a long frame of its own on a busy machine).
 */
async function everySpanAfterFrames(page: Page, servers: Servers, service: string, count: number, minMs: number): Promise<{ spans: Span[]; frames: Span[] }> {
  await expect.poll(async () => (await call<number[]>(page, 'frameDurations')).filter((duration) => duration >= minMs).length).toBeGreaterThanOrEqual(count)
  await call(page, 'flush')
  const { exportedSpans } = await call<{ exportedSpans: number }>(page, 'stats')
  const spans = await waitForServiceSpans(servers, service, (found) => found.length >= exportedSpans)
  const readyAtMs = await call<number>(page, 'readyAtEpochMs')
  const frames = spans.filter((span) => span.name === 'long animation frame' && Number(BigInt(span.startTimeUnixNano) / 1_000_000n) >= Math.floor(readyAtMs))
  return { spans, frames }
}

const number = (span: Span, key: string) => Number(attribute(span, key))

test.describe('long animation frames (/long-frames)', () => {
  test('a click handler that blocks 200 ms is a frame span naming the handler, the child of the click interaction', async ({ page, servers, openPage }) => {
    const config = await openPage('long-frames', { noteInteractions: true })
    expect(await call(page, 'started')).toBe(true)
    await page.click('#busy')
    const { frames } = await everySpanAfterFrames(page, servers, config.serviceName, 1, 200)
    const [interaction] = await call<{ traceId: string; spanId: string }[]>(page, 'interactions')
    const busyFrames = frames.filter((span) => span.durationMs >= 200)
    expect(busyFrames).toHaveLength(1)
    const [frame] = busyFrames
    expect(frame!.traceId).toBe(interaction!.traceId)
    expect(frame!.parentSpanId).toBe(interaction!.spanId)
    expect(attribute(frame!, 'browser.long_frame.during')).toBe('interaction')
    expect(attribute(frame!, 'browser.long_frame.entry_type')).toBe('long-animation-frame')
    expect(number(frame!, 'browser.long_frame.duration_ms')).toBeCloseTo(frame!.durationMs, 0)
    expect(number(frame!, 'browser.long_frame.blocking_duration_ms')).toBeGreaterThanOrEqual(150)
    expect(attribute(frame!, 'browser.long_frame.script.invoker')).toBe('BUTTON#busy.onclick')
    expect(attribute(frame!, 'browser.long_frame.script.invoker_type')).toBe('event-listener')
    expect(attribute(frame!, 'browser.long_frame.script.source_url')).toBe(`${servers.app.origin}/assets/long-frames.js`)
    expect(attribute(frame!, 'browser.long_frame.script.source_function_name')).toBe('busyClick')
    expect(number(frame!, 'browser.long_frame.script.duration_ms')).toBeGreaterThanOrEqual(200)
    expect(number(frame!, 'browser.long_frame.script_count')).toBeGreaterThanOrEqual(1)
  })

  test('with the interactions entry, the frame of a busy click handler is the child of the click span', async ({ page, servers, openPage }) => {
    const config = await openPage('long-frames', { withInteractions: true })
    await page.click('#busy')
    const { spans, frames } = await everySpanAfterFrames(page, servers, config.serviceName, 1, 200)
    const clicks = spans.filter((span) => attribute(span, 'browser.interaction.type') === 'click')
    expect(clicks).toHaveLength(1)
    const busyFrames = frames.filter((span) => span.durationMs >= 200)
    expect(busyFrames).toHaveLength(1)
    expect(busyFrames[0]!.traceId).toBe(clicks[0]!.traceId)
    expect(busyFrames[0]!.parentSpanId).toBe(clicks[0]!.spanId)
    expect(attribute(busyFrames[0]!, 'browser.long_frame.during')).toBe('interaction')
    expect(attribute(busyFrames[0]!, 'browser.long_frame.script.invoker')).toBe('BUTTON#busy.onclick')
  })

  test("a frame blocking a route change is the navigation's child; a later one is a root span linked to it; a script URL loses its query", async ({
    page,
    servers,
    openPage,
  }) => {
    const config = await openPage('long-frames', { withRoutes: true })
    await call(page, 'loadBusyScript')
    await call(page, 'navigateBusy', '/reports/1', 200)
    // the navigation span is exported once the page settled
    const withNavigation = await waitForServiceSpans(servers, config.serviceName, (spans) => spans.some((span) => span.name === 'navigation /reports/1'))
    const navigation = withNavigation.find((span) => span.name === 'navigation /reports/1')!
    await call(page, 'busyTimer', 120)
    const { spans, frames } = await everySpanAfterFrames(page, servers, config.serviceName, 2, 120)

    const duringNavigation = frames.filter((span) => span.durationMs >= 200)
    expect(duringNavigation).toHaveLength(1)
    expect(duringNavigation[0]!.parentSpanId).toBe(navigation.spanId)
    expect(duringNavigation[0]!.traceId).toBe(navigation.traceId)
    expect(attribute(duringNavigation[0]!, 'browser.long_frame.during')).toBe('navigation')

    const later = frames.filter((span) => span.durationMs >= 120 && span.durationMs < 200)
    expect(later).toHaveLength(1)
    expect(later[0]!.parentSpanId ?? '').toBe('')
    expect(attribute(later[0]!, 'browser.long_frame.during')).toBe('page')
    expect(later[0]!.links.map((link) => [link.traceId, link.spanId])).toEqual([[navigation.traceId, navigation.spanId]])
    expect(attribute(later[0]!, 'browser.page.path')).toBe('/reports/1')

    for (const frame of [duringNavigation[0]!, later[0]!]) {
      expect(attribute(frame, 'browser.long_frame.script.invoker_type')).toBe('user-callback')
      expect(String(attribute(frame, 'browser.long_frame.script.invoker'))).toContain('setTimeout')
      expect(attribute(frame, 'browser.long_frame.script.source_url')).toBe(`${servers.app.origin}/assets/long-frames-busy.js`)
      expect(attribute(frame, 'browser.long_frame.script.source_function_name')).toBe('busyTimer')
    }
    expect(JSON.stringify(spans)).not.toContain('s3cret')
  })

  test('frames under the threshold and beyond the per-minute budget are not recorded', async ({ page, servers, openPage }) => {
    const config = await openPage('long-frames', { thresholdMs: 150, maxFramesPerMinute: 2 })
    await call(page, 'loadBusyScript')
    await call(page, 'busyTimer', 100)
    for (let index = 0; index < 4; index++) await call(page, 'busyTimer', 160)
    const { spans, frames } = await everySpanAfterFrames(page, servers, config.serviceName, 5, 100)
    // at most two frames a minute, each of 150 ms or more: the 100 ms frame is left out, and so are the frames beyond the budget
    // (loading the page may have taken one of the two)
    const recorded = spans.filter((span) => span.name === 'long animation frame')
    expect(recorded).toHaveLength(2)
    for (const frame of recorded) expect(frame.durationMs).toBeGreaterThanOrEqual(150)
    expect(frames.length).toBeGreaterThanOrEqual(1)
  })

  test('a hostile setup: bad options and a second call warn, never throw, and frames are still recorded', async ({ page, servers, openPage }) => {
    const warnings: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text())
    })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const config = await openPage('long-frames', { thresholdMs: 'soon', maxFramesPerMinute: -1 })
    expect(await call(page, 'started')).toBe(true)
    expect(await call(page, 'startedAgain')).toBe(true)
    await page.click('#busy')
    const { frames } = await everySpanAfterFrames(page, servers, config.serviceName, 1, 200)
    expect(frames.filter((span) => span.durationMs >= 200)).toHaveLength(1)
    expect(warnings.filter((warning) => warning.startsWith('[spanlight] traceLongFrames: an option is not a positive number'))).toHaveLength(2)
    expect(warnings).toContain('[spanlight] traceLongFrames was called again; long frames are already recorded')
    expect(errors).toEqual([])
  })
})

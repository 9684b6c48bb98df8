import { describe, expect, it } from 'vitest'
import type { TelemetryEvent } from './rollbar-model'
import { formatOffset, MAX_TIMELINE_SPANS, telemetrySummary, timelineLayout, unixNanoToMs, type TimelineSpanInput } from './telemetry-timeline'

const OCCURRENCE_MS = 1_782_036_650_000

const makeEvent = (offsetMs: number, overrides: Partial<TelemetryEvent> = {}): TelemetryEvent => ({
  type: 'manual',
  level: 'info',
  source: 'client',
  timestampMs: OCCURRENCE_MS + offsetMs,
  body: {},
  ...overrides,
})
const makeSpan = (spanId: string, startOffsetMs: number, durationMs: number, overrides: Partial<TimelineSpanInput> = {}): TimelineSpanInput => ({
  spanId,
  name: spanId,
  serviceName: 'web',
  startOffsetMs,
  durationMs,
  status: { code: 'unset' },
  ...overrides,
})
/** unix ns of `OCCURRENCE_MS + offsetMs` */
const nanoAt = (offsetMs: number) => String(BigInt(OCCURRENCE_MS + offsetMs) * 1_000_000n)

describe('timelineLayout', () => {
  it('places breadcrumbs by their time before the occurrence, the axis ending at the occurrence', () => {
    // -4 s ─── -1 s ─── 0 (occurrence)
    const layout = timelineLayout({ occurrenceMs: OCCURRENCE_MS, events: [makeEvent(-4000), makeEvent(-1000)], trace: null, spanId: null })
    expect([layout.fromMs, layout.toMs]).toEqual([-4000, 0])
    expect(layout.events.map((event) => [event.offsetMs, event.leftPct])).toEqual([
      [-4000, 0],
      [-1000, 75],
    ])
    expect(layout.occurrenceLeftPct).toBe(100)
  })

  it('extends the axis past the occurrence for a breadcrumb reported after its whole second', () => {
    const layout = timelineLayout({ occurrenceMs: OCCURRENCE_MS, events: [makeEvent(-300), makeEvent(100)], trace: null, spanId: null })
    expect([layout.fromMs, layout.toMs]).toEqual([-300, 100])
    expect(layout.occurrenceLeftPct).toBe(75)
  })

  it('draws the trace spans on the same axis, from the trace start, marking errors and the occurrence span', () => {
    // trace starts 2 s before the occurrence; click 0–1.5 s, api call 0.5–1 s (error, reported the occurrence)
    // axis: -3 s (breadcrumb) … 0 → 3 s wide
    const layout = timelineLayout({
      occurrenceMs: OCCURRENCE_MS,
      events: [makeEvent(-3000)],
      trace: {
        startTimeUnixNano: nanoAt(-2000),
        spans: [makeSpan('api', 500, 500, { status: { code: 'error' } }), makeSpan('click', 0, 1500)],
      },
      spanId: 'api',
    })
    expect([layout.fromMs, layout.toMs]).toEqual([-3000, 0])
    expect(layout.spans.map((span) => [span.span.spanId, span.offsetMs, span.leftPct, span.widthPct, span.error, span.current])).toEqual([
      ['click', -2000, (1000 / 3000) * 100, 50, false, false],
      ['api', -1500, 50, (500 / 3000) * 100, true, true],
    ])
    expect(layout.hiddenSpanCount).toBe(0)
  })

  it('keeps sub-millisecond trace starts and gives an instantaneous span a visible sliver', () => {
    expect(unixNanoToMs('1782036650000250000')).toBe(1782036650000.25)
    const layout = timelineLayout({
      occurrenceMs: OCCURRENCE_MS,
      events: [],
      trace: { startTimeUnixNano: nanoAt(-100), spans: [makeSpan('a', 0, 0)] },
      spanId: null,
    })
    expect(layout.spans[0]!.widthPct).toBeGreaterThan(0)
  })

  it('draws at most MAX_TIMELINE_SPANS spans, always including the occurrence span, and counts the rest', () => {
    const spans = Array.from({ length: MAX_TIMELINE_SPANS + 10 }, (_, index) => makeSpan(`s${index}`, index, 1))
    const layout = timelineLayout({ occurrenceMs: OCCURRENCE_MS, events: [], trace: { startTimeUnixNano: nanoAt(-1000), spans }, spanId: 's45' })
    expect(layout.spans).toHaveLength(MAX_TIMELINE_SPANS)
    expect(layout.spans.at(-1)!.span.spanId).toBe('s45')
    expect(layout.hiddenSpanCount).toBe(10)
  })

  it('gives an occurrence with nothing around it a non-empty axis', () => {
    const layout = timelineLayout({ occurrenceMs: OCCURRENCE_MS, events: [], trace: null, spanId: null })
    expect(layout.toMs - layout.fromMs).toBe(1)
  })
})

describe('telemetry summaries and offsets', () => {
  it('says what each rollbar.js breadcrumb type was', () => {
    expect(telemetrySummary(makeEvent(0, { type: 'network', body: { method: 'POST', url: '/api/checkout', status_code: 500 } }))).toBe(
      'POST /api/checkout → 500',
    )
    expect(telemetrySummary(makeEvent(0, { type: 'navigation', body: { from: '/', to: '/cart' } }))).toBe('/ → /cart')
    expect(telemetrySummary(makeEvent(0, { type: 'dom', body: { subtype: 'click', element: 'button#pay' } }))).toBe('click button#pay')
    expect(telemetrySummary(makeEvent(0, { type: 'log', body: { message: 'cart loaded' } }))).toBe('cart loaded')
    expect(telemetrySummary(makeEvent(0, { type: 'manual', body: { step: 2 } }))).toBe('{"step":2}')
  })

  it('formats offsets from the occurrence', () => {
    expect([formatOffset(-1250), formatOffset(80), formatOffset(0), formatOffset(-90_000)]).toEqual(['−1.25 s', '+80 ms', '0 ms', '−1.5 min'])
  })
})

import type { TelemetryEvent } from './rollbar-model'

// Breadcrumbs and the trace's spans on one time axis, measured from the occurrence (negative = before it).

/** Spans drawn in the lane; the rest are counted, and the trace page shows them all. */
export const MAX_TIMELINE_SPANS = 40

export interface TimelineSpanInput {
  spanId: string
  name: string
  serviceName: string
  /** from the trace's start */
  startOffsetMs: number
  durationMs: number
  /** 'unset' | 'ok' | 'error', as in the trace outline */
  status: { code: string }
}

export interface TimelineInput {
  /** the occurrence's time, unix ms (Rollbar gives it to the second) */
  occurrenceMs: number
  /** oldest first */
  events: readonly TelemetryEvent[]
  trace: { startTimeUnixNano: string; spans: readonly TimelineSpanInput[] } | null
  /** the span the occurrence was reported from, if any */
  spanId: string | null
}

export interface TimelineEvent {
  event: TelemetryEvent
  offsetMs: number
  /** 0–100, along the axis */
  leftPct: number
}

export interface TimelineSpan {
  span: TimelineSpanInput
  offsetMs: number
  leftPct: number
  /** at least a sliver, so a 0 ms span is visible */
  widthPct: number
  error: boolean
  /** the occurrence was reported from this span */
  current: boolean
}

export interface TimelineLayout {
  /** the axis, relative to the occurrence */
  fromMs: number
  toMs: number
  occurrenceLeftPct: number
  events: TimelineEvent[]
  spans: TimelineSpan[]
  hiddenSpanCount: number
}

const MIN_SPAN_WIDTH_PCT = 0.4

/** unix ns (decimal string) → unix ms, sub-ms kept as a fraction */
export function unixNanoToMs(unixNano: string): number {
  const ns = BigInt(unixNano)
  return Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6
}

/** Where every breadcrumb and span sits on a shared axis; the axis covers them all and the occurrence itself. */
export function timelineLayout(input: TimelineInput): TimelineLayout {
  const events = input.events.map((event) => ({ event, offsetMs: event.timestampMs - input.occurrenceMs }))
  const traceStartOffset = input.trace ? unixNanoToMs(input.trace.startTimeUnixNano) - input.occurrenceMs : 0
  const allSpans = input.trace
    ? [...input.trace.spans].sort((a, b) => a.startOffsetMs - b.startOffsetMs).map((span) => ({ span, offsetMs: traceStartOffset + span.startOffsetMs }))
    : []
  // the occurrence's own span is always drawn, even past the limit
  let shown = allSpans.slice(0, MAX_TIMELINE_SPANS)
  const own = allSpans.find((entry) => entry.span.spanId === input.spanId)
  if (own && !shown.includes(own)) shown = [...shown.slice(0, MAX_TIMELINE_SPANS - 1), own]

  let fromMs = 0
  let toMs = 0
  for (const { offsetMs } of events) {
    fromMs = Math.min(fromMs, offsetMs)
    toMs = Math.max(toMs, offsetMs)
  }
  for (const { span, offsetMs } of allSpans) {
    fromMs = Math.min(fromMs, offsetMs)
    toMs = Math.max(toMs, offsetMs + span.durationMs)
  }
  if (toMs - fromMs < 1) toMs = fromMs + 1
  const range = toMs - fromMs
  const pct = (offsetMs: number) => ((offsetMs - fromMs) / range) * 100

  return {
    fromMs,
    toMs,
    occurrenceLeftPct: pct(0),
    events: events.map(({ event, offsetMs }) => ({ event, offsetMs, leftPct: pct(offsetMs) })),
    spans: shown.map(({ span, offsetMs }) => ({
      span,
      offsetMs,
      leftPct: pct(offsetMs),
      widthPct: Math.max(MIN_SPAN_WIDTH_PCT, (span.durationMs / range) * 100),
      error: span.status.code === 'error',
      current: span.spanId === input.spanId,
    })),
    hiddenSpanCount: allSpans.length - shown.length,
  }
}

/** "−1.25 s", "+80 ms", "0 ms": an offset from the occurrence. */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '−' : offsetMs > 0 ? '+' : ''
  const size = Math.abs(offsetMs)
  if (size < 1000) return `${sign}${Math.round(size)} ms`
  if (size < 60_000) return `${sign}${(size / 1000).toFixed(2)} s`
  return `${sign}${(size / 60_000).toFixed(1)} min`
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return null
}

/** One line that says what a breadcrumb was, from the fields rollbar.js puts in each type's body. */
export function telemetrySummary(event: TelemetryEvent): string {
  const body = event.body
  const parts = (...values: unknown[]) =>
    values
      .map(text)
      .filter((value): value is string => value !== null)
      .join(' ')
  let summary = ''
  switch (event.type) {
    case 'network': {
      const status = text(body.status_code)
      summary = `${parts(body.method, body.url)}${status ? ` → ${status}` : ''}`
      break
    }
    case 'navigation':
      summary = body.from !== undefined ? `${text(body.from) ?? '?'} → ${text(body.to) ?? '?'}` : parts(body.to)
      break
    case 'dom':
      summary = parts(body.subtype, body.element, body.value)
      break
    case 'log':
    case 'error':
      summary = parts(body.message ?? body.error)
      break
    default:
      summary = parts(body.message)
  }
  if (summary !== '') return summary
  const json = JSON.stringify(body)
  return json === '{}' ? '' : json.length > 200 ? `${json.slice(0, 199)}…` : json
}

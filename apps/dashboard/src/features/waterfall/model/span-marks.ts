import { nanoDiffMs } from '@spanlight/trace-store/helpers'
import type { Attribute, SpanKind, TraceModel } from '../../traces/model/trace-model'

// What the rows add to the outline once the whole trace is on the server: row names for fetch spans and event times
// for the markers on the bars. Sent by `/api/traces/:id/marks` after the first rows have painted (the store's outline
// view carries neither attributes nor events), so it costs the first paint nothing.

export interface SpanMarks {
  /** span id → the row's label, only where it differs from the span's name */
  names: Record<string, string>
  /** span id → [offset in ms from the span's start, 1 for an exception else 0, …] */
  events: Record<string, number[]>
}

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', '_OTHER'])
/** stable semantic convention first, then the older key the fetch instrumentation used */
export const URL_ATTRIBUTE_KEYS = ['url.full', 'http.url'] as const

/**
 * The path of a URL, without query string or fragment (they may hold user data: tokens, e-mail addresses), or null
 * when there is none to show. Accepts absolute and relative URLs.
 */
export function urlPath(url: string): string | null {
  let path: string
  try {
    path = new URL(url, 'http://relative.invalid').pathname
  } catch {
    path = url.split(/[?#]/, 1)[0]!
  }
  return path && path.startsWith('/') ? path : null
}

/**
 * A row's label: a CLIENT span named only with its HTTP method (as OpenTelemetry's fetch and http instrumentations
 * name them) gets the path of its URL, `GET` → `GET /api/cart`; any other span keeps its name.
 */
export function rowName(name: string, kind: SpanKind, attributes: readonly Attribute[]): string {
  if (kind !== 'client' || !HTTP_METHODS.has(name.trim().toUpperCase())) return name
  for (const key of URL_ATTRIBUTE_KEYS) {
    const value = attributes.find((attribute) => attribute.key === key)?.value
    if (typeof value === 'string') {
      const path = urlPath(value)
      if (path) return `${name} ${path}`
    }
  }
  return name
}

export function spanMarks(trace: TraceModel): SpanMarks {
  const names: Record<string, string> = {}
  const events: Record<string, number[]> = {}
  for (const span of trace.spans) {
    const label = rowName(span.name, span.kind, span.attributes)
    if (label !== span.name) names[span.spanId] = label
    if (span.events.length > 0) {
      const marks: number[] = []
      for (const event of span.events) marks.push(eventOffsetMs(span.startTimeUnixNano, event.timeUnixNano), event.name === 'exception' ? 1 : 0)
      events[span.spanId] = marks
    }
  }
  return { names, events }
}

/** An event's time from its span's start, in ms (negative when a skewed clock put it before the span). */
export function eventOffsetMs(spanStartUnixNano: string, eventUnixNano: string): number {
  // decimal strings without leading zeros: the longer, or at equal length the greater, is the later time
  const later = eventUnixNano.length !== spanStartUnixNano.length ? eventUnixNano.length > spanStartUnixNano.length : eventUnixNano >= spanStartUnixNano
  return later ? nanoDiffMs(spanStartUnixNano, eventUnixNano) : -nanoDiffMs(eventUnixNano, spanStartUnixNano)
}

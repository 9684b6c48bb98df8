import { parseOccurrenceUuid, parseSessionId, parseSpanId, parseTraceIdValue } from '../../lookup/model/parse-lookup'
import type { Attribute } from '../../traces/model/trace-model'

// Which span attribute values become links, and where to. The rule, by key (case-insensitive):
//   …trace_id, …trace.id, …traceid   (`trace_id`, `link.trace_id`, `parent_trace_id`)  + 32 hex digits → that trace
//   …span_id,  …span.id,  …spanid    (`span_id`, `link.span_id`, `parent_span_id`)    + 16 hex digits → the trace
//        holding it, selected: the trace named by the matching trace key (`link.span_id` ↔ `link.trace_id`), else this
//        trace if it has the span, else the lookup page (which finds it through an error report that carries it)
//   …session_id, …session.id         (`session.id`, `app.session_id`)                  + a safe session id → the session
//   rollbar.item.uuid                                                                   → its item (see itemHref)
// The word must start the key or follow `.` or `_`, so `subtrace_id` is no match; values that fail their id check
// stay text. Every href is built from a validated id only.

const ID_KEY = /(^|[._])(trace|span|session)([._]?)id$/i

export interface AttributeLinkContext {
  /** the trace the attributes belong to */
  traceId: string
  /** whether that trace has a span with this id */
  hasSpan: (spanId: string) => boolean
}

function textOf(attribute: Attribute | undefined): string | undefined {
  return attribute && typeof attribute.value === 'string' ? attribute.value : undefined
}

/** The href for an id-valued attribute, or undefined when the key or the value is not one of the rule's. */
export function attributeIdHref(attribute: Attribute, siblings: readonly Attribute[], context: AttributeLinkContext): string | undefined {
  const match = ID_KEY.exec(attribute.key)
  const value = textOf(attribute)
  if (!match || value === undefined) return undefined
  const kind = match[2]!.toLowerCase()
  if (kind === 'trace') {
    const traceId = parseTraceIdValue(value)
    return traceId ? `/traces/${traceId}` : undefined
  }
  if (kind === 'session') {
    const sessionId = parseSessionId(value.trim())
    return sessionId ? `/sessions/${encodeURIComponent(sessionId)}` : undefined
  }
  const spanId = parseSpanId(value)
  if (!spanId) return undefined
  const traceKey = `${attribute.key.slice(0, match.index)}${match[1]}trace${match[3]}id`.toLowerCase()
  const pairedTrace = parseTraceIdValue(textOf(siblings.find((candidate) => candidate.key.toLowerCase() === traceKey)) ?? '')
  if (pairedTrace) return `/traces/${pairedTrace}?span=${spanId}`
  if (context.hasSpan(spanId)) return `/traces/${context.traceId}?span=${spanId}`
  return `/lookup?${new URLSearchParams({ q: spanId })}`
}

/** `rollbar.item.uuid`: the item page when the trace's items include the occurrence, else the lookup page. */
export function itemUuidHref(attribute: Attribute, itemIdOfUuid: (uuid: string) => number | undefined): string | undefined {
  if (attribute.key !== 'rollbar.item.uuid') return undefined
  const raw = textOf(attribute)
  if (raw === undefined) return undefined
  // senders write the uuid with or without dashes (rollbar.js keeps them, the store's API may not)
  const itemId = itemIdOfUuid(raw.replace(/-/g, '').toLowerCase())
  if (itemId !== undefined) return `/errors/${itemId}`
  const uuid = parseOccurrenceUuid(raw)
  return uuid ? `/lookup?${new URLSearchParams({ q: uuid })}` : undefined
}

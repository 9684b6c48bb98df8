// What the header's lookup box accepts, and the id checks every id must pass before it goes into a URL or a query.

export type LookupInput =
  | { kind: 'trace'; traceId: string; /** from a traceparent: the parent span */ spanId: string | null }
  | { kind: 'span'; spanId: string }
  | { kind: 'uuid'; uuid: string }
  | { kind: 'invalid'; reason: string }

export const LOOKUP_HELP =
  'Paste a trace id (32 hex digits), a W3C traceparent (00-<trace id>-<span id>-01), a span id (16 hex digits) or a Rollbar occurrence uuid.'

const HEX32 = /^[0-9a-f]{32}$/
const HEX16 = /^[0-9a-f]{16}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
// W3C Trace Context: version-traceid-parentid-flags (version ff is invalid; later versions may append fields)
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/
const notAllZero = (hex: string) => !/^0+$/.test(hex)

/** A span id: 16 hex digits (any case), not all zero; lowercase, or null. */
export function parseSpanId(raw: string): string | null {
  const value = raw.trim().toLowerCase()
  return HEX16.test(value) && notAllZero(value) ? value : null
}

/** A trace id: 32 hex digits (any case), not all zero; lowercase, or null. */
export function parseTraceIdValue(raw: string): string | null {
  const value = raw.trim().toLowerCase()
  return HEX32.test(value) && notAllZero(value) ? value : null
}

/** A Rollbar occurrence uuid in its 8-4-4-4-12 form; lowercase, or null. */
export function parseOccurrenceUuid(raw: string): string | null {
  const value = raw.trim().toLowerCase()
  return UUID.test(value) ? value : null
}

/** Session ids are whatever the sender chose; only these characters are accepted (web-tracing sends 32 hex digits). */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/

export function parseSessionId(raw: string): string | null {
  return SESSION_ID_PATTERN.test(raw) ? raw : null
}

/** Classifies what was pasted into the lookup box; nothing here contacts anything. */
export function parseLookup(raw: string): LookupInput {
  const value = raw.trim().toLowerCase()
  if (value === '') return { kind: 'invalid', reason: `Nothing to look up. ${LOOKUP_HELP}` }
  if (value.length > 256) return { kind: 'invalid', reason: `That is too long to be an id. ${LOOKUP_HELP}` }
  const traceId = parseTraceIdValue(value)
  if (traceId) return { kind: 'trace', traceId, spanId: null }
  const traceparent = TRACEPARENT.exec(value)
  if (traceparent) {
    const [, version, trace, span] = traceparent
    const parentTraceId = parseTraceIdValue(trace!)
    if (version === 'ff' || !parentTraceId) return { kind: 'invalid', reason: 'That traceparent is invalid (version ff, or an all-zero trace id).' }
    return { kind: 'trace', traceId: parentTraceId, spanId: parseSpanId(span!) }
  }
  const spanId = parseSpanId(value)
  if (spanId) return { kind: 'span', spanId }
  const uuid = parseOccurrenceUuid(value)
  if (uuid) return { kind: 'uuid', uuid }
  if (/^0+$/.test(value.replace(/-/g, ''))) return { kind: 'invalid', reason: 'An id of all zeros is invalid.' }
  return { kind: 'invalid', reason: `That is not an id Spanlight knows. ${LOOKUP_HELP}` }
}

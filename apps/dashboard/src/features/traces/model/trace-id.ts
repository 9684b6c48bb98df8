// Trace ids, checked without zod: this module reaches client bundles (the compare form), where zod's JIT would try
// `new Function` and the dashboard's CSP reports it (no 'unsafe-eval').

const TRACE_ID_PATTERN = /^[0-9a-f]{32}$/

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string }

/** A trace id from a URL: 32 hex digits (any case), not all zero; returned lowercase. */
export function parseTraceId(raw: string): ParseResult<string> {
  const traceId = raw.trim().toLowerCase()
  if (!TRACE_ID_PATTERN.test(traceId) || /^0+$/.test(traceId)) return { ok: false, reason: 'traceId: must be 32 hex digits, not all zero' }
  return { ok: true, value: traceId }
}

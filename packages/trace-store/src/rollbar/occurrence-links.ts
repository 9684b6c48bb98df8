/** The trace, span and browser session an occurrence belongs to, as stored in its indexed columns. */
export interface OccurrenceLinks {
  /** 32 lower-case hex digits, or null */
  traceId: string | null
  /** 16 lower-case hex digits, or null */
  spanId: string | null
  /** as sent (session ids are opaque; ours are hex), or null */
  sessionId: string | null
}

/** Longer session ids are not indexed: nothing we send comes close, and an index entry should stay small. */
export const MAX_SESSION_ID_LENGTH = 256
// printable ASCII without spaces: what generated session tokens are made of (and SQLite GLOB can check the same way)
const SESSION_ID_PATTERN = new RegExp(`^[!-~]{1,${MAX_SESSION_ID_LENGTH}}$`)

type JsonObject = Record<string, unknown>

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** A W3C trace or span id in lower case; null for anything else, including the all-zero (invalid) id. */
export function hexIdOf(value: unknown, length: 16 | 32): string | null {
  if (typeof value !== 'string' || value.length !== length) return null
  const lower = value.toLowerCase()
  return /^[0-9a-f]+$/.test(lower) && !/^0+$/.test(lower) ? lower : null
}

export function sessionIdOf(value: unknown): string | null {
  return typeof value === 'string' && SESSION_ID_PATTERN.test(value) ? value : null
}

/**
 * Reads the links the way the dashboard does (rollbar-model.ts `occurrenceTraceLink`): `data.custom.*` (our senders'
 * convention) first, then the last `data.attributes` entry with that key (rollbar.js's own tracing). The schema
 * upgrade (store/schema-upgrades.ts) fills old rows with the same rules in SQL; a test holds the two together.
 */
export function occurrenceLinks(data: unknown): OccurrenceLinks {
  if (!isObject(data)) return { traceId: null, spanId: null, sessionId: null }
  const custom = isObject(data.custom) ? data.custom : {}
  const attributes = new Map<string, unknown>()
  if (Array.isArray(data.attributes)) {
    for (const attribute of data.attributes) if (isObject(attribute) && typeof attribute.key === 'string') attributes.set(attribute.key, attribute.value)
  }
  return {
    traceId: hexIdOf(custom.trace_id, 32) ?? hexIdOf(attributes.get('trace_id'), 32),
    spanId: hexIdOf(custom.span_id, 16) ?? hexIdOf(attributes.get('span_id'), 16),
    sessionId: sessionIdOf(custom.session_id) ?? sessionIdOf(attributes.get('session_id')),
  }
}

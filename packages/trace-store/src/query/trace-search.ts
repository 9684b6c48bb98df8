/** What a trace search can ask for; every field is optional but the limit. */
export interface TraceSearch {
  /** a service that has at least one span in the trace */
  service?: string
  /** a span name present in the trace (in `service` when both are given) */
  spanName?: string
  minDurationMs?: number
  maxDurationMs?: number
  /**
   * 'any': a span has status ERROR; 'severe': one that is not an HTTP 4xx answer (a server error, an exception, a
   * network failure; see ServiceCount.clientErrorCount). With `service`, that service's spans.
   */
  errorsOnly?: 'any' | 'severe'
  /** every pair must match one span attribute (scalar values compared as text) */
  attributes?: { key: string; value: string }[]
  /** trace start time range, inclusive, unix ms */
  startFromMs?: number
  startToMs?: number
  limit: number
  cursor?: SearchCursor
}

/** Where the previous page ended: traces are ordered by (start time, trace id), newest first. */
export interface SearchCursor {
  startTimeUnixNano: bigint
  traceId: string
}

const CURSOR_PATTERN = /^(\d{1,20}):([0-9a-f]{32})$/

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(`${cursor.startTimeUnixNano}:${cursor.traceId}`).toString('base64url')
}

/** The latest time (and longest duration) the store can hold: its times are int64 ns. */
export const MAX_STORED_NS = 2n ** 63n - 1n

export function decodeCursor(text: string): SearchCursor | null {
  const match = CURSOR_PATTERN.exec(Buffer.from(text, 'base64url').toString('utf8'))
  if (!match) return null
  const startTimeUnixNano = BigInt(match[1]!)
  // no page of this store ends at a time it cannot hold
  if (startTimeUnixNano > MAX_STORED_NS) return null
  return { startTimeUnixNano, traceId: match[2]! }
}

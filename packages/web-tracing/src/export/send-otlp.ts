export type SendResult =
  | { kind: 'ok'; rejectedSpans: number }
  | { kind: 'retry'; afterMs: number | undefined; networkError: boolean }
  | { kind: 'failed'; status: number }

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>

export interface SendOptions {
  headers: Record<string, string>
  keepalive: boolean
  /** abort after this long; undefined at unload, where nothing waits for the answer */
  timeoutMs: number | undefined
  /** the body is gzip (sent with `Content-Encoding: gzip`) */
  gzip?: boolean
}

/** HTTP statuses worth retrying (OTLP/HTTP spec). */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504])
const MAX_RETRY_AFTER_MS = 5 * 60 * 1000

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS)
  const dateMs = Date.parse(trimmed)
  if (Number.isNaN(dateMs)) return undefined
  return Math.min(Math.max(0, dateMs - nowMs), MAX_RETRY_AFTER_MS)
}

/** `partialSuccess.rejectedSpans` of an OTLP JSON response (int64: a string or a number), 0 when absent. */
export function rejectedSpansOf(responseText: string): number {
  if (!responseText.includes('rejectedSpans')) return 0
  try {
    const rejected = Number((JSON.parse(responseText) as { partialSuccess?: { rejectedSpans?: unknown } }).partialSuccess?.rejectedSpans ?? 0)
    return Number.isFinite(rejected) && rejected > 0 ? rejected : 0
  } catch {
    return 0
  }
}

/**
 * POSTs one OTLP body and settles only once the response body has been
 * read or cancelled: Chromium counts a keepalive request against its
 * 64 KiB quota until then, not until the fetch promise resolves, so a
 * caller that frees its budget on return matches what the browser holds.
 * Network errors and 429/502/503/504 ask for a retry (429/503 with their
 * `Retry-After`); other non-2xx statuses fail. Never rejects.
 */
export async function sendOtlp(fetchFn: FetchFunction, url: string, body: string | Uint8Array, options: SendOptions): Promise<SendResult> {
  const controller = typeof AbortController === 'undefined' || options.timeoutMs === undefined ? undefined : new AbortController()
  const timer = controller ? setTimeout(() => controller.abort(), options.timeoutMs) : undefined
  let response: Response
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.gzip ? { 'content-encoding': 'gzip' } : {}), ...options.headers },
      body: body as BodyInit,
      keepalive: options.keepalive,
      mode: 'cors',
      credentials: 'omit',
      ...(controller ? { signal: controller.signal } : {}),
    })
  } catch {
    if (timer !== undefined) clearTimeout(timer)
    return { kind: 'retry', afterMs: undefined, networkError: true }
  }
  try {
    if (response.ok) return { kind: 'ok', rejectedSpans: rejectedSpansOf(await response.text()) }
    // unread bodies hold the keepalive quota: drop the ones we do not need
    await response.body?.cancel().catch(() => undefined)
    if (RETRYABLE_STATUSES.has(response.status)) {
      const afterMs = response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers.get('retry-after'), Date.now()) : undefined
      return { kind: 'retry', afterMs, networkError: false }
    }
    return { kind: 'failed', status: response.status }
  } catch {
    // the body broke off (timeout, connection lost): the spans may or may not be stored; the collector dedups nothing, so count it as sent
    return { kind: 'ok', rejectedSpans: 0 }
  } finally {
    if (timer !== undefined) clearTimeout(timer)
  }
}

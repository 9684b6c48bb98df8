export type SendResult = { kind: 'ok' } | { kind: 'retry'; afterMs: number | undefined } | { kind: 'failed'; status: number }

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>

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

/**
 * POSTs one OTLP/JSON body. Network errors and 429/502/503/504 ask for a
 * retry (429/503 with their `Retry-After`); other non-2xx statuses fail.
 * Never rejects.
 */
export async function sendOtlp(
  fetchFn: FetchFunction,
  url: string,
  body: string,
  options: { headers: Record<string, string>; keepalive: boolean; timeoutMs: number | undefined },
): Promise<SendResult> {
  const controller = typeof AbortController === 'undefined' || options.timeoutMs === undefined ? undefined : new AbortController()
  const timer = controller ? setTimeout(() => controller.abort(), options.timeoutMs) : undefined
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body,
      keepalive: options.keepalive,
      mode: 'cors',
      credentials: 'omit',
      ...(controller ? { signal: controller.signal } : {}),
    })
    if (response.ok) return { kind: 'ok' }
    if (RETRYABLE_STATUSES.has(response.status)) {
      const afterMs = response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers.get('retry-after'), Date.now()) : undefined
      return { kind: 'retry', afterMs }
    }
    return { kind: 'failed', status: response.status }
  } catch {
    return { kind: 'retry', afterMs: undefined }
  } finally {
    if (timer !== undefined) clearTimeout(timer)
  }
}

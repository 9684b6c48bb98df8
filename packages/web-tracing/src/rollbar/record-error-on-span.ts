import { SpanStatusCode, type Span } from '@opentelemetry/api'

/** Span attribute holding the Rollbar occurrence uuid, so a span leads to its Rollbar item. */
export const ATTR_ROLLBAR_ITEM_UUID = 'rollbar.item.uuid'

/** Adds the `exception` event and ERROR status for `error` (and the Rollbar uuid when there is one). */
export function recordErrorOnSpan(span: Span, error: unknown, rollbarUuid?: string): void {
  if (error instanceof Error) span.recordException(error)
  else span.recordException({ name: 'Error', message: typeof error === 'string' ? error : safeString(error) })
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : typeof error === 'string' ? error : undefined })
  if (rollbarUuid) span.setAttribute(ATTR_ROLLBAR_ITEM_UUID, rollbarUuid)
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

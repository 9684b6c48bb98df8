import { context, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api'
import { errorOrigin } from './error-origins.js'

/** Name of the span made for an error that happened outside any recording span (e.g. uncaught). */
export const ERROR_SPAN_NAME = 'exception'

/** Adds the `exception` event and ERROR status for `error`. */
export function recordErrorOnSpan(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error)
  else span.recordException({ name: 'Error', message: typeof error === 'string' ? error : safeString(error) })
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : typeof error === 'string' ? error : undefined })
}

/**
 * The span an error belongs to: the active span while it records, else the
 * span the error escaped from (a fetch, a query run, an interaction), else a
 * new short `exception` span, a child of whichever of those has already
 * ended (ended spans cannot change any more), so the error stays in its trace.
 * `end` must be called once the error is recorded (it ends only a span made here).
 */
export function spanForError(tracer: Tracer, error: unknown): { span: Span; end: () => void } {
  const active = trace.getActiveSpan()
  if (active?.isRecording()) return { span: active, end: () => undefined }
  const origin = errorOrigin(error)
  if (origin?.isRecording()) return { span: origin, end: () => undefined }
  const parent = origin ?? active
  const span = tracer.startSpan(ERROR_SPAN_NAME, {}, parent ? trace.setSpan(context.active(), parent) : context.active())
  return { span, end: () => span.end() }
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

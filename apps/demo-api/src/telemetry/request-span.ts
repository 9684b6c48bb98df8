import { context, isSpanContextValid, trace, type Span } from '@opentelemetry/api'
import { getRPCMetadata } from '@opentelemetry/core'

/**
 * The SERVER span of the request being handled: the HTTP instrumentation puts
 * it in the context as RPC metadata (the Express instrumentation names it from
 * the same place). Falls back to the active span; undefined when not traced.
 */
export function currentServerSpan(): Span | undefined {
  const active = context.active()
  const span = getRPCMetadata(active)?.span ?? trace.getSpan(active)
  return span && isSpanContextValid(span.spanContext()) ? span : undefined
}

export interface TraceIds {
  traceId: string
  spanId: string
}

export function spanIds(span: Span | undefined): TraceIds | undefined {
  if (!span) return undefined
  const { traceId, spanId } = span.spanContext()
  return { traceId, spanId }
}

import type { SpanView, TraceView } from '@spanlight/trace-store'
import { vi } from 'vitest'

/** A span attribute's value as a plain string (OTLP JSON keeps ints as strings). */
export function attribute(span: SpanView, key: string): string | boolean | number | undefined {
  const value = span.attributes.find((entry) => entry.key === key)?.value as Record<string, unknown> | undefined
  if (!value) return undefined
  return (value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue) as string | boolean | number | undefined
}

/** Polls the store until the trace holds spans for which `complete` is true. */
export function waitForTrace(storeUrl: string, traceId: string, complete: (spans: SpanView[]) => boolean): Promise<TraceView> {
  return vi.waitFor(
    async () => {
      const response = await fetch(`${storeUrl}/api/traces/${traceId}`)
      const trace = response.status === 200 ? ((await response.json()) as TraceView) : undefined
      if (!trace || !complete(trace.spans)) throw new Error(`trace ${traceId} is not complete in the store yet`)
      return trace
    },
    { timeout: 10_000, interval: 50 },
  )
}

export const SPAN_KIND_SERVER = 2
export const SPAN_KIND_CLIENT = 3
export const STATUS_ERROR = 2

export function traceparent(traceId: string, spanId: string): string {
  return `00-${traceId}-${spanId}-01`
}

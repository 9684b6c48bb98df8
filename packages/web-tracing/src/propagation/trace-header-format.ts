import type { TextMapPropagator } from '@opentelemetry/api'

/**
 * A trace header format besides W3C, made by `b3()`, `b3multi()` or
 * `xray()` from `@spanlight/web-tracing/propagation`, so apps that only use
 * `traceparent` do not bundle the other injectors.
 */
export interface TraceHeaderFormat {
  /** `'b3'`, `'b3multi'`, `'xray'`: formats with the same name are written once */
  readonly name: string
  /** a header whose presence tells that the request already carries this format */
  readonly markerHeader: string
  /** writes the format's headers (injection only) */
  readonly propagator: TextMapPropagator
}

/** `'w3c'` (traceparent + tracestate, always built in) or a format from `@spanlight/web-tracing/propagation`. */
export type PropagationFormat = 'w3c' | TraceHeaderFormat

export function isTraceHeaderFormat(value: unknown): value is TraceHeaderFormat {
  if (typeof value !== 'object' || value === null) return false
  const format = value as Partial<TraceHeaderFormat>
  return typeof format.name === 'string' && typeof format.markerHeader === 'string' && typeof format.propagator?.inject === 'function'
}

/** Whether `carrier` (a Headers object or a plain header record) has header `name`, whatever its case. */
export function hasHeader(carrier: unknown, name: string): boolean {
  if (typeof Headers !== 'undefined' && carrier instanceof Headers) return carrier.has(name)
  if (typeof carrier !== 'object' || carrier === null) return false
  const lower = name.toLowerCase()
  return Object.keys(carrier).some((key) => key.toLowerCase() === lower)
}

import type { Span } from '@opentelemetry/api'

// Errors seen leaving a span (a fetch that failed, a query run that failed,
// a startActiveSpan callback that threw), so an uncaught error reported
// later can be attributed to the span it escaped from.
const origins = new WeakMap<object, Span>()

export function rememberErrorOrigin(error: unknown, span: Span): void {
  if (typeof error === 'object' && error !== null && !origins.has(error)) origins.set(error, span)
}

export function errorOrigin(error: unknown): Span | undefined {
  return typeof error === 'object' && error !== null ? origins.get(error) : undefined
}

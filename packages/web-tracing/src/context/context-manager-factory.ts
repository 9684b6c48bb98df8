import type { ContextManager } from '@opentelemetry/api'
import { StackContextManager } from '@opentelemetry/sdk-trace-web'

type ContextManagerFactory = () => ContextManager

let factory: ContextManagerFactory | undefined

/**
 * Chooses the context manager `initWebTracing` installs. The default keeps
 * the active span through synchronous calls (a span's callback and the
 * fetches it starts); `@spanlight/web-tracing/zone` swaps in zone.js so it
 * also follows timers, events and promise callbacks.
 */
export function setContextManagerFactory(next: ContextManagerFactory): void {
  factory = next
}

export function createContextManager(): ContextManager {
  return factory ? factory() : new StackContextManager()
}

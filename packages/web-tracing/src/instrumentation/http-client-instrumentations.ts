import type { Instrumentation } from '@opentelemetry/instrumentation'

/** The URL rules every HTTP client instrumentation gets (propagation targets, ignored URLs). */
export interface HttpClientConfig {
  propagateTraceHeaderCorsUrls: RegExp[]
  ignoreUrls: RegExp[]
}

type Factory = (config: HttpClientConfig) => Instrumentation

const factories: Factory[] = []

/**
 * Adds an HTTP client instrumentation (used by `@spanlight/web-tracing/xhr`)
 * that `initWebTracing` creates with the same rules as fetch. Opt-in
 * entries register here so apps that do not import them do not bundle them.
 */
export function addHttpClientInstrumentation(factory: Factory): void {
  if (!factories.includes(factory)) factories.push(factory)
}

export function createHttpClientInstrumentations(config: HttpClientConfig): Instrumentation[] {
  return factories.map((factory) => factory(config))
}

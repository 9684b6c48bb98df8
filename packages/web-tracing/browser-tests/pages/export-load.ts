import { context, trace } from '@opentelemetry/api'
import { initWebTracing } from '@spanlight/web-tracing'
import { config as baseConfig, markReady, type TestConfig } from './test-config.js'

// Export under load and at unload: spans made in bulk, one trace per burst.
const config = baseConfig as TestConfig & { exportTimeoutMs?: number; maxExportBatchSize?: number }

const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  // long by default, so that in the unload tests only the unload path can deliver
  exportDelayMs: config.exportDelayMs ?? 60_000,
  ...(config.exportTimeoutMs ? { exportTimeoutMs: config.exportTimeoutMs } : {}),
  ...(config.maxQueueSize ? { maxQueueSize: config.maxQueueSize } : {}),
  ...(config.maxExportBatchSize ? { maxExportBatchSize: config.maxExportBatchSize } : {}),
  instrumentations: { documentLoad: false },
})

/** Ends `count` children of one root span (each with an attribute of `attributeLength` characters), then the root; returns the trace id. */
function burst(count: number, attributeLength = 100): string {
  const root = tracing.tracer.startSpan(`burst of ${count}`)
  const parent = trace.setSpan(context.active(), root)
  const payload = 'p'.repeat(attributeLength)
  for (let index = 0; index < count; index++) tracing.tracer.startSpan(`burst span ${index}`, { attributes: { payload, index } }, parent).end()
  root.end()
  return root.spanContext().traceId
}

markReady({
  burst,
  flush: () => tracing.forceFlush(),
  stats: () => tracing.stats(),
})

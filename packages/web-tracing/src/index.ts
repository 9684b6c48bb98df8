// The public surface of `@spanlight/web-tracing`. Opt-in entries:
// `/rollbar` (the Rollbar bridge), `/propagation` (B3 and X-Ray headers),
// `/zone` (zone.js context), `/xhr` (XMLHttpRequest spans), `/react`,
// `/vitals` (web vitals).
export { initWebTracing, TRACER_NAME, ATTR_SESSION_ID, type WebTracing } from './init-web-tracing.js'
export type { WebTracingOptions, PropagationTarget, RollbarBridgeOptions, RollbarLike } from './config/web-tracing-options.js'
export type { PropagationFormat, TraceHeaderFormat } from './propagation/trace-header-format.js'
export type { RollbarSetup } from './rollbar/rollbar-setup.js'
export { MESSAGES, type MessageKey } from './config/messages.js'
export { LOG_PREFIX } from './logger.js'
export {
  DEFAULT_ENDPOINT,
  DEFAULT_EXPORT_DELAY_MS,
  DEFAULT_EXPORT_TIMEOUT_MS,
  DEFAULT_MAX_EXPORT_BATCH_SIZE,
  DEFAULT_MAX_QUEUE_SIZE,
  DEFAULT_REDACTED_QUERY_PARAMS,
  DEFAULT_ROLLBAR_ENDPOINT,
  DEFAULT_SAMPLE_RATE,
  DEFAULT_SERVICE_NAME,
  DEFAULT_SESSION_TIMEOUT_MS,
} from './config/defaults.js'
export type { ExportStats } from './export/export-queue.js'

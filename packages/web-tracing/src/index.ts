export { initWebTracing, TRACER_NAME, ATTR_SESSION_ID, type WebTracing } from './init-web-tracing.js'
export type {
  WebTracingOptions,
  PropagationTarget,
  PropagationFormat,
  RollbarBridgeOptions,
  RollbarLike,
} from './config/web-tracing-options.js'
export { resolveConfig, type ResolvedWebTracingOptions, type ConfigProblem } from './config/resolve-config.js'
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
export { redactUrl } from './redaction/redact-url.js'
export { createPropagationPredicate } from './propagation/should-propagate.js'
export { parsePropagationTarget } from './propagation/parse-propagation-target.js'
export { ATTR_ROLLBAR_ITEM_UUID } from './rollbar/record-error-on-span.js'
export type { ExportStats } from './export/export-queue.js'

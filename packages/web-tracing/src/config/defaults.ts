export const DEFAULT_ENDPOINT = 'http://localhost:4318'
export const OTLP_TRACES_PATH = '/v1/traces'
export const DEFAULT_SERVICE_NAME = 'unknown_service:web'
export const DEFAULT_SAMPLE_RATE = 1
export const DEFAULT_SAMPLE_BY = 'trace'
export const DEFAULT_SESSION_TIMEOUT_MS = 30 * 60 * 1000
export const DEFAULT_EXPORT_DELAY_MS = 2000
export const DEFAULT_MAX_EXPORT_BATCH_SIZE = 200
export const DEFAULT_MAX_QUEUE_SIZE = 2048
export const DEFAULT_EXPORT_TIMEOUT_MS = 10_000
export const DEFAULT_ROLLBAR_ENDPOINT = 'https://api.rollbar.com/api/1/item/'
/** Query parameters whose values never reach a span: any name containing one of these words. */
export const DEFAULT_REDACTED_QUERY_PARAMS: (string | RegExp)[] = [/token|passw|pwd|secret|key|auth|signature|sig$|credential|session|jwt|code$/i]
export const REDACTED = 'REDACTED'
/** `forceFlush` waits at most this long for reports queued while a lazily loaded Rollbar is still loading. */
export const MAX_ROLLBAR_LOAD_WAIT_MS = 3000

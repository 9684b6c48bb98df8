export const SERVICE_NAME = 'demo-api'
export const SERVICE_VERSION = '0.1.0'
/** Spans are sent this soon after they end, so a demo click shows up at once. */
export const EXPORT_DELAY_MS = 500
/** An export to a collector that is down gives up after this. */
export const EXPORT_TIMEOUT_MS = 2000
/** Flushing the last spans on shutdown never takes longer than this. */
export const TELEMETRY_SHUTDOWN_TIMEOUT_MS = 2000

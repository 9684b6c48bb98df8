// Where the demo SPA sends requests and telemetry; the defaults match `npm start`.
// Set VITE_* variables at build time to point it elsewhere.
export const API_URL = import.meta.env.VITE_API_URL ?? 'http://127.0.0.1:4567'
export const OTLP_ENDPOINT = import.meta.env.VITE_OTLP_ENDPOINT ?? 'http://127.0.0.1:4318'
/** The store's Rollbar-compatible API; a real Rollbar project needs VITE_ROLLBAR_ACCESS_TOKEN (a post_client_item token). */
export const ROLLBAR_ENDPOINT = import.meta.env.VITE_ROLLBAR_ENDPOINT ?? `${OTLP_ENDPOINT}/api/1/item/`
export const ROLLBAR_ACCESS_TOKEN = import.meta.env.VITE_ROLLBAR_ACCESS_TOKEN ?? 'local-demo-client-token'
/** An origin that is not in propagateTo: requests there must not carry trace headers. */
export const UNTRACED_ORIGIN_URL = `${OTLP_ENDPOINT}/health`

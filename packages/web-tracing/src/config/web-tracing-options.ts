import type { Attributes } from '@opentelemetry/api'
import type { PropagationFormat } from '../propagation/trace-header-format.js'
import type { RollbarSetup } from '../rollbar/rollbar-setup.js'

/** Where trace headers go, besides the page's own origin (always included). */
export type PropagationTarget =
  /** an origin (`https://api.example.com`) or origin + path prefix (`https://example.com/api`); relative URLs resolve against the page */
  | string
  /** tested against the whole request URL */
  | RegExp
  /** decides for the whole request URL */
  | ((url: string) => boolean)

/** Options for `lazyRollbarBridge(...)` (from `@spanlight/web-tracing/rollbar`): the package loads rollbar and creates the instance. */
export interface RollbarBridgeOptions {
  accessToken: string
  /** loads the rollbar package: `() => import('rollbar')` (your bundler makes it a chunk of its own) */
  load: () => Promise<{ default: unknown }>
  /** Rollbar item endpoint; default Rollbar's cloud API (`https://api.rollbar.com/api/1/item/`) */
  endpoint?: string
  /** default: the tracing `environment` */
  environment?: string
  /** names the build in every item (`payload.client.javascript.code_version`, with `source_map_enabled: true` unless `config.payload` sets it), as Rollbar's source maps are matched by it; default: the tracing `serviceVersion` */
  codeVersion?: string
  /** capture uncaught errors; default true */
  captureUncaught?: boolean
  /** capture unhandled promise rejections; default true */
  captureUnhandledRejections?: boolean
  /** any other Rollbar configuration, passed through unchanged */
  config?: Record<string, unknown>
}

/** The part of a Rollbar instance the bridge uses (rollbar.js 3.x). */
export interface RollbarLike {
  configure(options: Record<string, unknown>): unknown
  error(...args: unknown[]): { uuid: string } | unknown
  options?: object
}

export interface WebTracingOptions {
  /** `service.name` of every span. Required. */
  serviceName: string
  /** `service.version`; default none */
  serviceVersion?: string
  /** `deployment.environment.name`; default none */
  environment?: string
  /** extra resource attributes; default none */
  resourceAttributes?: Attributes
  /** OTLP/HTTP base URL, `/v1/traces` is appended; default `http://localhost:4318` */
  endpoint?: string
  /** headers sent with each export (vendor API keys); default none */
  headers?: Record<string, string>
  /** cross-origin targets that get trace headers (same origin always does); default none */
  propagateTo?: PropagationTarget[]
  /** header formats to write: `'w3c'` (traceparent + tracestate) and formats from `@spanlight/web-tracing/propagation` (`b3()`, `b3multi()`, `xray()`); default `['w3c']` */
  propagationFormats?: PropagationFormat[]
  /** fraction of new traces (or of sessions, see `sampleBy`) recorded, 0 to 1 (child spans follow their parent); default 1 */
  sampleRate?: number
  /** what `sampleRate` keeps or drops: each trace on its own (`'trace'`), or every trace of a session together (`'session'`, decided from the session id); default `'trace'` */
  sampleBy?: 'trace' | 'session'
  /** which instrumentations run; default all true (XHR: import `@spanlight/web-tracing/xhr`) */
  instrumentations?: { fetch?: boolean; documentLoad?: boolean }
  /** URLs never instrumented (string: prefix of the normalised URL; RegExp: whole URL); the export and Rollbar URLs are always added; default none */
  ignoreUrls?: (string | RegExp)[]
  /** query parameter names whose values are replaced by `REDACTED` in recorded URLs; default {@link DEFAULT_REDACTED_QUERY_PARAMS} */
  redactQueryParams?: (string | RegExp)[]
  /** final say on every URL recorded on a span, after the built-in redaction; default none */
  redactUrl?: (url: string) => string
  /** a session ends after this much inactivity; default 30 minutes */
  sessionTimeoutMs?: number
  /** where the session survives reloads: `'local'` (across tabs), `'session'` (per tab) or `'none'`; default `'local'` */
  sessionStorage?: 'local' | 'session' | 'none'
  /** wait at most this long before exporting ended spans; default 2000 */
  exportDelayMs?: number
  /** spans per export request; default 200 */
  maxExportBatchSize?: number
  /** spans kept while the collector is unreachable; beyond it the oldest are dropped (and counted); default 2048 */
  maxQueueSize?: number
  /** abort an export request after this long; default 10000 */
  exportTimeoutMs?: number
  /** the Rollbar bridge: `rollbarBridge(instance)` or `lazyRollbarBridge(options)` from `@spanlight/web-tracing/rollbar`; default none */
  rollbar?: RollbarSetup
  /** print the resolved config (secrets masked) and debug lines; default false */
  debug?: boolean
}

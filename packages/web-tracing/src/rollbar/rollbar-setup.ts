import type { Tracer } from '@opentelemetry/api'
import type { RollbarLike } from '../config/web-tracing-options.js'
import type { Logger } from '../logger.js'

/** What `initWebTracing` hands the bridge when it starts. */
export interface RollbarBridgeContext {
  tracer: Tracer
  sessionId: () => string
  logger: Logger
  /** the tracing `environment` and `serviceVersion`, defaults for a Rollbar created from options */
  environment: string | undefined
  serviceVersion: string | undefined
}

/** A running bridge, as the core uses it. */
export interface RollbarBridge {
  /** records `error` on the active span and reports it to Rollbar from that span (queued until a lazily loaded Rollbar is ready) */
  report(error: unknown, extra?: Record<string, unknown>): void
  /** resolves with the instance once it exists (immediately for an instance passed in; undefined if loading failed) */
  ready: Promise<RollbarLike | undefined>
  /** resolves when no report is waiting for Rollbar to load, or when it has waited MAX_ROLLBAR_LOAD_WAIT_MS */
  idle(): Promise<void>
}

/**
 * The value of the `rollbar` option, made by `rollbarBridge(instance)` or
 * `lazyRollbarBridge(options)` from
 * `@spanlight/web-tracing/rollbar`: the core only knows this shape, so
 * apps without Rollbar bundle none of the bridge.
 */
export interface RollbarSetup {
  readonly kind: 'spanlight.rollbar-bridge'
  /** false when `rollbarBridge` got no Rollbar instance, or `lazyRollbarBridge` no accessToken */
  readonly valid: boolean
  /** the item endpoint Rollbar posts to (relative URLs resolve against the page); never instrumented */
  readonly endpoint: string
  /** the configuration without secrets, for `debug: true` */
  describe(): Record<string, unknown>
  start(context: RollbarBridgeContext): RollbarBridge
}

export function isRollbarSetup(value: unknown): value is RollbarSetup {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'spanlight.rollbar-bridge' &&
    typeof (value as RollbarSetup).start === 'function'
  )
}

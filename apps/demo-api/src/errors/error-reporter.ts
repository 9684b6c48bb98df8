import type { Request } from 'express'
import Rollbar from 'rollbar'
import type { DemoApiConfig } from '../config/load-config.js'
import type { TraceIds } from '../telemetry/request-span.js'

/** Where server-side errors go. */
export interface ErrorReporter {
  /** reports the error with the request and the trace it belongs to; returns the report's uuid */
  report(error: Error, request: Request, trace: TraceIds | undefined): string | undefined
  /** resolves once the queued reports are sent (or gave up) */
  flush(): Promise<void>
}

/**
 * Reports to Rollbar with the real `rollbar` package: to the local store's
 * Rollbar-compatible API by default, to Rollbar itself when a token is
 * configured. The trace ids go in the item's custom data (`trace_id`, `span_id`).
 */
export function createRollbarReporter(options: DemoApiConfig['rollbar']): ErrorReporter {
  const rollbar = new Rollbar({
    accessToken: options.accessToken,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    environment: options.environment,
    captureUncaught: false,
    captureUnhandledRejections: false,
    payload: { server: { root: process.cwd() } },
  })
  return {
    report(error, request, trace) {
      const custom = trace ? { trace_id: trace.traceId, span_id: trace.spanId } : {}
      return rollbar.error(error, request, custom).uuid
    },
    flush() {
      return new Promise((resolve) => rollbar.wait(resolve))
    },
  }
}

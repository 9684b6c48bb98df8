import { context, trace, type Context, type Span, type Tracer } from '@opentelemetry/api'
import { MESSAGES } from '../config/messages.js'
import type { ResolvedRollbar } from '../config/resolve-config.js'
import type { RollbarLike } from '../config/web-tracing-options.js'
import type { Logger } from '../logger.js'
import { errorOrigin } from './error-origins.js'
import { recordErrorOnSpan } from './record-error-on-span.js'

/** Name of the span made for an error that happened outside any span (e.g. uncaught). */
export const ERROR_SPAN_NAME = 'exception'
const ERROR_LEVELS = new Set(['error', 'critical'])

type RollbarTransform = (data: Record<string, unknown>, item: Record<string, unknown>) => void | Promise<void>
export type RollbarConstructor = new (options: Record<string, unknown>) => RollbarLike

export interface RollbarBridge {
  /** reports `error` to Rollbar from the active context (queued until a lazily loaded Rollbar is ready) */
  report(error: unknown, extra?: Record<string, unknown>): void
  /** resolves with the instance once it exists (immediately for an instance passed in) */
  ready: Promise<RollbarLike | undefined>
}

export interface RollbarBridgeDeps {
  rollbar: ResolvedRollbar
  tracer: Tracer
  sessionId: () => string
  logger: Logger
  /** loads the rollbar package (a dynamic import, so apps that pass an instance or no Rollbar do not bundle it eagerly) */
  loadRollbar: () => Promise<RollbarConstructor>
}

/**
 * Joins Rollbar and the traces. A transform, run synchronously inside every
 * Rollbar call, puts `trace_id`, `span_id` and `session_id` into the item's
 * custom data and marks the span (exception event, ERROR status, the item's
 * uuid). An uncaught error is attributed to the span it escaped from
 * (see error-origins.ts), or to a short `exception` span (a child of that
 * span when it has already ended), so the item always points at a stored trace.
 */
export function createRollbarBridge(deps: RollbarBridgeDeps): RollbarBridge {
  const { rollbar, tracer, sessionId, logger } = deps
  let instance: RollbarLike | undefined
  const pending: { error: unknown; extra: Record<string, unknown> | undefined; context: Context }[] = []

  const install = (target: RollbarLike) => {
    const previous = (target.options as { transform?: RollbarTransform } | undefined)?.transform
    const transform: RollbarTransform = (data, item) => {
      try {
        annotate(data, item)
      } catch (error) {
        logger.debug(MESSAGES.callbackFailed, error)
      }
      if (typeof previous === 'function' && previous !== transform) {
        try {
          return previous(data, item)
        } catch (error) {
          logger.warn(MESSAGES.callbackFailed, error)
        }
      }
    }
    target.configure({ transform })
    instance = target
  }

  const annotate = (data: Record<string, unknown>, item: Record<string, unknown>) => {
    const level = typeof data.level === 'string' ? data.level : typeof item.level === 'string' ? item.level : 'error'
    const isError = ERROR_LEVELS.has(level) || item.err !== undefined
    const uuid = typeof data.uuid === 'string' ? data.uuid : typeof item.uuid === 'string' ? item.uuid : undefined
    let span: Span | undefined = trace.getActiveSpan()
    let ownSpan = false
    if (!span || !span.isRecording()) {
      // an uncaught error: the span it escaped from (a fetch, a query run, an interaction), if known
      const origin = item.err === undefined ? undefined : errorOrigin(item.err)
      if (origin?.isRecording()) span = origin
      else {
        // ended spans cannot change any more: record the error on a child, in the same trace
        const parent = origin ?? span
        span = tracer.startSpan(ERROR_SPAN_NAME, {}, parent ? trace.setSpan(context.active(), parent) : context.active())
        ownSpan = true
      }
    }
    const spanContext = span.spanContext()
    const custom = typeof data.custom === 'object' && data.custom !== null ? (data.custom as Record<string, unknown>) : {}
    data.custom = { ...custom, trace_id: spanContext.traceId, span_id: spanContext.spanId, session_id: sessionId() }
    if (isError) recordErrorOnSpan(span, item.err ?? describeItem(data), uuid)
    else if (uuid) span.setAttribute('rollbar.item.uuid', uuid)
    if (ownSpan) span.end()
  }

  let ready: Promise<RollbarLike | undefined>
  if (rollbar.kind === 'instance') {
    install(rollbar.instance)
    ready = Promise.resolve(rollbar.instance)
  } else {
    const { accessToken, endpoint, environment, codeVersion, captureUncaught, captureUnhandledRejections, config } = rollbar.options
    ready = deps
      .loadRollbar()
      .then((Rollbar) => {
        const created = new Rollbar({
          ...config,
          accessToken,
          ...(endpoint ? { endpoint } : {}),
          ...(environment ? { environment } : {}),
          ...(codeVersion ? { codeVersion } : {}),
          captureUncaught: captureUncaught ?? true,
          captureUnhandledRejections: captureUnhandledRejections ?? true,
        })
        install(created)
        for (const entry of pending.splice(0)) context.with(entry.context, () => send(created, entry.error, entry.extra))
        return created
      })
      .catch((error: unknown) => {
        logger.warn(MESSAGES.rollbarLoadFailed, error)
        return undefined
      })
  }

  const send = (target: RollbarLike, error: unknown, extra: Record<string, unknown> | undefined) => {
    if (extra) target.error(error, extra)
    else target.error(error)
  }

  return {
    ready,
    report(error, extra) {
      if (instance) send(instance, error, extra)
      else pending.push({ error, extra, context: context.active() })
    },
  }
}

function describeItem(data: Record<string, unknown>): string {
  const body = data.body as { message?: { body?: unknown } } | undefined
  return typeof body?.message?.body === 'string' ? body.message.body : 'Rollbar item'
}

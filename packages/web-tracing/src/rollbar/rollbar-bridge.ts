import { trace, type Context, type SpanContext } from '@opentelemetry/api'
import { DEFAULT_ROLLBAR_ENDPOINT } from '../config/defaults.js'
import { MESSAGES } from '../config/messages.js'
import type { RollbarLike } from '../config/web-tracing-options.js'
import { recordErrorOnSpan, spanForError } from './record-error-on-span.js'
import { ATTR_ROLLBAR_ITEM_UUID } from './rollbar-attributes.js'
import type { RollbarBridge, RollbarBridgeContext, RollbarSetup } from './rollbar-setup.js'

type RollbarTransform = (data: Record<string, unknown>, item: Record<string, unknown>) => void | Promise<void>

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/**
 * The `rollbar` option of `initWebTracing` for an app that creates its own
 * Rollbar instance: `rollbar: rollbarBridge(new Rollbar({ ... }))`. The
 * instance is bridged at once, so uncaught errors from the first script on
 * are linked. (To have the package load rollbar after start, see
 * `lazyRollbarBridge`.) Never throws: anything but a Rollbar instance is
 * reported as a `[spanlight]` warning by `initWebTracing`, bridge off.
 */
export function rollbarBridge(rollbar: RollbarLike): RollbarSetup {
  const valid = isRecord(rollbar) && typeof rollbar.configure === 'function' && typeof rollbar.error === 'function'
  const configured = valid && isRecord(rollbar.options) ? rollbar.options.endpoint : undefined
  return {
    kind: 'spanlight.rollbar-bridge',
    valid,
    endpoint: typeof configured === 'string' ? configured : DEFAULT_ROLLBAR_ENDPOINT,
    describe: () => ({ instance: true }),
    start: (bridgeContext) => createRollbarBridge(bridgeContext, rollbar),
  }
}

/** A report already recorded on its span and sent now: its item takes that span's ids and its uuid. */
export interface RecordedReport {
  /** the context of the span the error was recorded on */
  context: Context
  /** the uuid that span carries, sent as the item's uuid */
  uuid: string
}

/**
 * Installs a transform, run synchronously inside every Rollbar call, that
 * puts `trace_id`, `span_id` and `session_id` into the item's custom data
 * and marks the span the error belongs to (exception event, ERROR status,
 * `rollbar.item.uuid`; see `spanForError`). While `recorded()` returns a
 * report (one queued by the lazy bridge, being sent), the item is linked to
 * that report's span instead, which already holds the error.
 */
export function installTransform(bridgeContext: RollbarBridgeContext, target: RollbarLike, recorded?: () => RecordedReport | undefined): void {
  const { tracer, sessionId, logger } = bridgeContext
  const annotate = (data: Record<string, unknown>, item: Record<string, unknown>) => {
    const report = recorded?.()
    let spanContext: SpanContext | undefined
    if (report) {
      spanContext = trace.getSpanContext(report.context)
      data.uuid = report.uuid
    } else {
      const level = typeof data.level === 'string' ? data.level : typeof item.level === 'string' ? item.level : 'error'
      const uuid = typeof data.uuid === 'string' ? data.uuid : typeof item.uuid === 'string' ? item.uuid : undefined
      const { span, end } = spanForError(tracer, item.err)
      spanContext = span.spanContext()
      if (level === 'error' || level === 'critical' || item.err !== undefined) recordErrorOnSpan(span, item.err ?? describeItem(data))
      if (uuid) span.setAttribute(ATTR_ROLLBAR_ITEM_UUID, uuid)
      end()
    }
    data.custom = { ...(isRecord(data.custom) ? data.custom : {}), trace_id: spanContext?.traceId, span_id: spanContext?.spanId, session_id: sessionId() }
  }
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
}

export function sendToRollbar(target: RollbarLike, error: unknown, extra: Record<string, unknown> | undefined): void {
  if (extra) target.error(error, extra)
  else target.error(error)
}

/** The bridge for an instance the app created: bridged at once, so errors right after initWebTracing are linked too. */
function createRollbarBridge(bridgeContext: RollbarBridgeContext, instance: RollbarLike): RollbarBridge {
  installTransform(bridgeContext, instance)
  return {
    ready: Promise.resolve(instance),
    idle: () => Promise.resolve(),
    report: (error, extra) => sendToRollbar(instance, error, extra),
  }
}

function describeItem(data: Record<string, unknown>): string {
  const body = data.body as { message?: { body?: unknown } } | undefined
  return typeof body?.message?.body === 'string' ? body.message.body : 'Rollbar item'
}

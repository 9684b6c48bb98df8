import { context, trace, type Context } from '@opentelemetry/api'
import { DEFAULT_ROLLBAR_ENDPOINT } from '../config/defaults.js'
import { MESSAGES } from '../config/messages.js'
import type { RollbarLike } from '../config/web-tracing-options.js'
import { recordErrorOnSpan, spanForError } from './record-error-on-span.js'
import { ATTR_ROLLBAR_ITEM_UUID } from './rollbar-attributes.js'
import type { RollbarBridge, RollbarBridgeContext, RollbarSetup } from './rollbar-setup.js'

const ERROR_LEVELS = new Set(['error', 'critical'])

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
    start: (bridgeContext) => createRollbarBridge(bridgeContext, { instance: rollbar }),
  }
}

interface QueuedReport {
  error: unknown
  extra: Record<string, unknown> | undefined
  /** the context of the span the error was recorded on */
  context: Context
  /** the uuid that span carries, sent as the item's uuid */
  uuid: string
}

/**
 * A transform, run synchronously inside every Rollbar call, puts
 * `trace_id`, `span_id` and `session_id` into the item's custom data and
 * marks the span the error belongs to (exception event, ERROR status,
 * `rollbar.item.uuid`; see `spanForError`). Reports made while a lazily
 * loaded Rollbar is not there yet are recorded on their span at once, with
 * a uuid made here, and sent with that uuid once Rollbar is ready. An
 * instance (rather than a promise of one) is bridged at once.
 */
export function createRollbarBridge(
  bridgeContext: RollbarBridgeContext,
  /** an instance the app created, or one being loaded (reports are queued meanwhile, with uuids from `newItemUuid`) */
  source: { instance: RollbarLike } | { loaded: Promise<RollbarLike>; newItemUuid: () => string },
): RollbarBridge {
  const { tracer, sessionId, logger } = bridgeContext
  let instance: RollbarLike | undefined
  let loadFailed = false
  let queued: QueuedReport[] = []
  /** set while a queued report is being sent: its span already holds the error */
  let sending: QueuedReport | undefined

  const annotate = (data: Record<string, unknown>, item: Record<string, unknown>) => {
    const custom = isRecord(data.custom) ? data.custom : {}
    if (sending) {
      const spanContext = trace.getSpanContext(sending.context)
      data.uuid = sending.uuid
      data.custom = { ...custom, trace_id: spanContext?.traceId, span_id: spanContext?.spanId, session_id: sessionId() }
      return
    }
    const level = typeof data.level === 'string' ? data.level : typeof item.level === 'string' ? item.level : 'error'
    const isError = ERROR_LEVELS.has(level) || item.err !== undefined
    const uuid = typeof data.uuid === 'string' ? data.uuid : typeof item.uuid === 'string' ? item.uuid : undefined
    const { span, end } = spanForError(tracer, item.err)
    const spanContext = span.spanContext()
    data.custom = { ...custom, trace_id: spanContext.traceId, span_id: spanContext.spanId, session_id: sessionId() }
    if (isError) recordErrorOnSpan(span, item.err ?? describeItem(data))
    if (uuid) span.setAttribute(ATTR_ROLLBAR_ITEM_UUID, uuid)
    end()
  }

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

  const send = (target: RollbarLike, error: unknown, extra: Record<string, unknown> | undefined) => {
    if (extra) target.error(error, extra)
    else target.error(error)
  }

  // an instance is bridged at once, so errors right after initWebTracing are linked too (and nothing is ever queued)
  const loading = 'loaded' in source ? source : undefined
  if (!('loaded' in source)) install(source.instance)
  const ready = Promise.resolve('loaded' in source ? source.loaded : source.instance)
    .then((target) => {
      if (target !== instance) install(target)
      for (const report of queued) {
        sending = report
        try {
          context.with(report.context, () => send(target, report.error, report.extra))
        } catch (error) {
          logger.debug(MESSAGES.callbackFailed, error)
        } finally {
          sending = undefined
        }
      }
      return target
    })
    .catch((error: unknown) => {
      loadFailed = true
      logger.warn(MESSAGES.rollbarLoadFailed, error)
      return undefined
    })
    .finally(() => {
      queued = []
    })

  return {
    ready,
    idle: () => (queued.length === 0 ? Promise.resolve() : ready.then(() => undefined)),
    report(error, extra) {
      if (instance) return send(instance, error, extra)
      const { span, end } = spanForError(tracer, error)
      if (loadFailed) {
        recordErrorOnSpan(span, error)
        return end()
      }
      const uuid = loading!.newItemUuid()
      recordErrorOnSpan(span, error)
      span.setAttribute(ATTR_ROLLBAR_ITEM_UUID, uuid)
      queued.push({ error, extra, context: trace.setSpan(context.active(), span), uuid })
      end()
    },
  }
}

function describeItem(data: Record<string, unknown>): string {
  const body = data.body as { message?: { body?: unknown } } | undefined
  return typeof body?.message?.body === 'string' ? body.message.body : 'Rollbar item'
}

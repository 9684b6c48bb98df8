import { context, trace } from '@opentelemetry/api'
import { DEFAULT_ROLLBAR_ENDPOINT, MAX_ROLLBAR_LOAD_WAIT_MS } from '../config/defaults.js'
import { MESSAGES } from '../config/messages.js'
import { captureEarlyErrors, type EarlyCaptureOptions } from './early-error-capture.js'
import type { RollbarBridgeOptions, RollbarLike } from '../config/web-tracing-options.js'
import { newItemUuid } from './new-item-uuid.js'
import { recordErrorOnSpan, spanForError } from './record-error-on-span.js'
import { ATTR_ROLLBAR_ITEM_UUID } from './rollbar-attributes.js'
import { installTransform, isRecord, sendToRollbar, type RecordedReport } from './rollbar-bridge.js'
import type { RollbarBridge, RollbarBridgeContext, RollbarSetup } from './rollbar-setup.js'

type RollbarConstructor = new (options: Record<string, unknown>) => RollbarLike

/**
 * The `rollbar` option of `initWebTracing` when the package should create
 * Rollbar after start:
 * `rollbar: lazyRollbarBridge({ accessToken, load: () => import('rollbar') })`.
 * The app's own dynamic import puts rollbar in a chunk of its own (and the
 * package never imports rollbar, an optional peer); reports made before it
 * is there are recorded on their span at once and sent when it is; so are
 * uncaught errors and unhandled rejections of that time (unless
 * `captureUncaught` / `captureUnhandledRejections` is false), which Rollbar
 * itself captures once it runs. Never throws: options without
 * an accessToken or `load` are reported as a `[spanlight]` warning by
 * `initWebTracing`, bridge off.
 */
export function lazyRollbarBridge(options: RollbarBridgeOptions): RollbarSetup {
  const valid = isRecord(options) && typeof options.accessToken === 'string' && options.accessToken !== '' && typeof options.load === 'function'
  return {
    kind: 'spanlight.rollbar-bridge',
    valid,
    endpoint: (valid && options.endpoint) || DEFAULT_ROLLBAR_ENDPOINT,
    describe: () => (valid ? { ...options, load: undefined, accessToken: `${options.accessToken.slice(0, 2)}****` } : {}),
    start(bridgeContext) {
      const { accessToken, endpoint, captureUncaught, captureUnhandledRejections, config, load } = options
      const environment = options.environment ?? bridgeContext.environment
      const codeVersion = options.codeVersion ?? bridgeContext.serviceVersion
      // rollbar.js in the browser sends `codeVersion` in no item: items name their build (whose source maps Rollbar
      // applies) by payload.client.javascript.code_version, set here without dropping the rest of config.payload
      const payload = (config?.payload ?? {}) as { client?: { javascript?: object } }
      const create = ({ default: Rollbar }: { default: unknown }) =>
        new (Rollbar as RollbarConstructor)({
          ...config,
          accessToken,
          ...(endpoint ? { endpoint } : {}),
          ...(environment ? { environment } : {}),
          ...(codeVersion
            ? {
                codeVersion,
                payload: {
                  ...payload,
                  client: { ...payload.client, javascript: { source_map_enabled: true, ...payload.client?.javascript, code_version: codeVersion } },
                },
              }
            : {}),
          captureUncaught: capture.uncaught,
          captureUnhandledRejections: capture.unhandledRejections,
        })
      const capture: EarlyCaptureOptions = { uncaught: captureUncaught ?? true, unhandledRejections: captureUnhandledRejections ?? true }
      // a load that throws synchronously becomes a rejection, reported by the bridge
      const created = Promise.resolve().then(load).then(create)
      return createLazyRollbarBridge(bridgeContext, created, capture)
    },
  }
}

interface QueuedReport extends RecordedReport {
  error: unknown
  extra: Record<string, unknown> | undefined
}

/**
 * The bridge for a Rollbar being loaded. Reports made before it is there
 * are recorded on their span at once, with a uuid made here, and sent with
 * that uuid once Rollbar is ready; from then on it works as the instance
 * bridge does.
 */
function createLazyRollbarBridge(bridgeContext: RollbarBridgeContext, loaded: Promise<RollbarLike>, capture: EarlyCaptureOptions): RollbarBridge {
  const { tracer, logger } = bridgeContext
  let instance: RollbarLike | undefined
  let loadFailed = false
  let queued: QueuedReport[] = []
  /** set while a queued report is being sent: its span already holds the error */
  let sending: QueuedReport | undefined

  const ready = loaded
    .then((target) => {
      // Rollbar's own handlers are installed by now (in the same microtask chain, so no error event fell between)
      stopEarlyCapture()
      installTransform(bridgeContext, target, () => sending)
      instance = target
      for (const report of queued) {
        sending = report
        try {
          context.with(report.context, () => sendToRollbar(target, report.error, report.extra))
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
      stopEarlyCapture()
      queued = []
    })

  const bridge: RollbarBridge = {
    ready,
    // a report queued while Rollbar loads is sent before a flush, unless Rollbar takes too long
    idle() {
      if (queued.length === 0) return Promise.resolve()
      let timer: ReturnType<typeof setTimeout> | undefined
      const slow = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          logger.debug(MESSAGES.rollbarLoadSlow)
          resolve()
        }, MAX_ROLLBAR_LOAD_WAIT_MS)
      })
      return Promise.race([ready.then(() => undefined), slow]).finally(() => clearTimeout(timer))
    },
    report(error, extra) {
      if (instance) return sendToRollbar(instance, error, extra)
      const { span, end } = spanForError(tracer, error)
      recordErrorOnSpan(span, error)
      if (!loadFailed) {
        const uuid = newItemUuid()
        span.setAttribute(ATTR_ROLLBAR_ITEM_UUID, uuid)
        queued.push({ error, extra, context: trace.setSpan(context.active(), span), uuid })
      }
      end()
    },
  }
  const stopEarlyCapture = captureEarlyErrors(capture, (error) => bridge.report(error))
  return bridge
}

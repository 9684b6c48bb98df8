import { DEFAULT_ROLLBAR_ENDPOINT } from '../config/defaults.js'
import type { RollbarBridgeOptions, RollbarLike } from '../config/web-tracing-options.js'
import { newItemUuid } from './new-item-uuid.js'
import { createRollbarBridge, isRecord } from './rollbar-bridge.js'
import type { RollbarSetup } from './rollbar-setup.js'

type RollbarConstructor = new (options: Record<string, unknown>) => RollbarLike

/**
 * The `rollbar` option of `initWebTracing` when the package should create
 * Rollbar after start:
 * `rollbar: lazyRollbarBridge({ accessToken, load: () => import('rollbar') })`.
 * The app's own dynamic import puts rollbar in a chunk of its own (and the
 * package never imports rollbar, an optional peer); reports made before it
 * is there are recorded on their span at once and sent when it is, and
 * uncaught errors are captured from then on. Never throws: options without
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
      const create = ({ default: Rollbar }: { default: unknown }) =>
        new (Rollbar as RollbarConstructor)({
          ...config,
          accessToken,
          ...(endpoint ? { endpoint } : {}),
          ...(environment ? { environment } : {}),
          ...(codeVersion ? { codeVersion } : {}),
          captureUncaught: captureUncaught ?? true,
          captureUnhandledRejections: captureUnhandledRejections ?? true,
        })
      // a load that throws synchronously becomes a rejection, reported by the bridge
      const created = Promise.resolve().then(load).then(create)
      return createRollbarBridge(bridgeContext, { loaded: created, newItemUuid })
    },
  }
}

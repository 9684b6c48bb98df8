// `@spanlight/web-tracing/rollbar`: the Rollbar bridge, as the value of the
// `rollbar` option, so only apps that use Rollbar bundle it:
//   rollbar: rollbarBridge(new Rollbar({ ... }))        // your instance
//   rollbar: lazyRollbarBridge({ accessToken: '…' })    // rollbar loaded after start
export { rollbarBridge } from './rollbar/rollbar-bridge.js'
export { lazyRollbarBridge } from './rollbar/lazy-rollbar-bridge.js'
export { ATTR_ROLLBAR_ITEM_UUID } from './rollbar/rollbar-attributes.js'
export type { RollbarBridgeOptions, RollbarLike } from './config/web-tracing-options.js'
export type { RollbarSetup } from './rollbar/rollbar-setup.js'

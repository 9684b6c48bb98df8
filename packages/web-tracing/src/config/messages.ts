/**
 * Every warning the package prints, as constants so tests and users can
 * match them. Printed with the `[spanlight]` prefix by the logger, followed
 * by the option concerned in parentheses.
 */
export const MESSAGES = {
  optionsNotObject: 'initWebTracing needs an options object; tracing is off',
  missingServiceName: 'serviceName is required; using "unknown_service:web"',
  invalidEndpoint: 'endpoint is not an http(s) URL; spans are not exported',
  invalidOption: 'wrong type, using the default',
  invalidSampleRate: 'sampleRate must be 0 to 1; using 1',
  invalidSampleBy: 'sampleBy must be "trace" or "session"; using "trace"',
  invalidPropagationTarget: 'ignored: not an http(s) origin or origin + path, RegExp or function',
  propagationTargetWithQuery: 'query and fragment ignored: targets are origins or origin + path prefixes',
  unknownPropagationFormat: 'ignored: use "w3c" or b3(), b3multi(), xray() from @spanlight/web-tracing/propagation',
  invalidRollbar: 'needs rollbarBridge(instance) or lazyRollbarBridge({ accessToken, load }); Rollbar bridge off',
  rollbarNeedsBridge: 'use rollbarBridge(instance) or lazyRollbarBridge(options) from @spanlight/web-tracing/rollbar; Rollbar bridge off',
  notInBrowser: 'not in a browser; tracing is off',
  alreadyInitialized: 'initWebTracing was called again; returning the first instance',
  initFailed: 'initialization failed; tracing is off',
  callbackFailed: 'a callback threw; ignored',
  exportFailed: 'exporting spans failed',
  spansDropped: 'span queue full; oldest spans dropped',
  rollbarLoadFailed: 'loading rollbar failed; errors are not reported to Rollbar',
  rollbarLoadSlow: 'rollbar still loading; flushing without it',
} as const

export type MessageKey = keyof typeof MESSAGES

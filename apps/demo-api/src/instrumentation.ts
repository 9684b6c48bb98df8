/**
 * OpenTelemetry for the demo API. Load it before the app:
 *   node --import ./dist/instrumentation.js ./dist/server.js
 * This is the only module with global OpenTelemetry side effects.
 */
import { register } from 'node:module'
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { NodeSDK } from '@opentelemetry/sdk-node'
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions'
import { ConfigError, loadConfig, ROLLBAR_CLOUD_ENDPOINT, type DemoApiConfig } from './config/load-config.js'
import { handleShutdownSignals, onShutdown, withTimeout } from './lifecycle/shutdown.js'
import { EXPORT_DELAY_MS, EXPORT_TIMEOUT_MS, SERVICE_NAME, SERVICE_VERSION, TELEMETRY_SHUTDOWN_TIMEOUT_MS } from './telemetry/telemetry-settings.js'
import { isCorsPreflight, isRequestToAny, isUntracedPath } from './telemetry/telemetry-urls.js'

// ESM modules (express is imported from the ESM server) are only patched when
// this loader hook is registered before the app loads, i.e. here in the preload.
register('@opentelemetry/instrumentation/hook.mjs', import.meta.url)

let config: DemoApiConfig
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(`[demo-api] ${error.message}`)
  process.exit(1)
}

/** The app's own telemetry traffic, never traced. */
const telemetryUrls = [config.otlpEndpoint, config.rollbar.endpoint ?? ROLLBAR_CLOUD_ENDPOINT]

const sdk = new NodeSDK({
  resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: SERVICE_NAME, [ATTR_SERVICE_VERSION]: SERVICE_VERSION }),
  spanProcessors: [
    new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.otlpEndpoint}/v1/traces`, timeoutMillis: EXPORT_TIMEOUT_MS }), {
      scheduledDelayMillis: EXPORT_DELAY_MS,
      exportTimeoutMillis: EXPORT_TIMEOUT_MS,
    }),
  ],
  textMapPropagator: new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  instrumentations: [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => isUntracedPath(request.url) || isCorsPreflight(request),
      ignoreOutgoingRequestHook: (options) => isRequestToAny(options, telemetryUrls),
    }),
    // Middleware layers (json parser, cors, …) add many tiny spans and no insight.
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
  ],
})
sdk.start()

onShutdown('telemetry', 'telemetry', () => withTimeout(sdk.shutdown(), TELEMETRY_SHUTDOWN_TIMEOUT_MS))
handleShutdownSignals()

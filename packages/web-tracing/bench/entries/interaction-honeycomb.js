// Honeycomb's web SDK as its quick start sets it up (getWebAutoInstrumentations),
// with what the other setups do not record turned off: document load, XHR and
// web vitals. Clicks are traced by OpenTelemetry's user-interaction
// instrumentation (Honeycomb's default context manager, no zone.js).
import { HoneycombWebSDK } from '@honeycombio/opentelemetry-web'
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web'
import { trace } from '@opentelemetry/api'
import { installClickLoop } from './interaction-loop.js'

const { endpoint, api, service } = window.__BENCH__
new HoneycombWebSDK({
  serviceName: service,
  endpoint,
  skipOptionsValidation: true,
  webVitalsInstrumentationConfig: { enabled: false },
  instrumentations: [
    getWebAutoInstrumentations({
      '@opentelemetry/instrumentation-document-load': { enabled: false },
      '@opentelemetry/instrumentation-xml-http-request': { enabled: false },
      '@opentelemetry/instrumentation-fetch': { propagateTraceHeaderCorsUrls: [new RegExp(`^${api}`)] },
      '@opentelemetry/instrumentation-user-interaction': { eventNames: ['click'] },
    }),
  ],
}).start()
installClickLoop(() => new Promise((resolve) => setTimeout(resolve, 400)).then(() => trace.getTracerProvider().getDelegate?.().forceFlush?.()))

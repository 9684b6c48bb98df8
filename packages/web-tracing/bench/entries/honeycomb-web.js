// Honeycomb's web SDK as its README's quick start sets it up: the documented
// auto-instrumentations (document load, fetch, XHR, user interaction) and its
// web vitals, the peer the frontend-signal entries are measured against.
import { HoneycombWebSDK } from '@honeycombio/opentelemetry-web'
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web'

new HoneycombWebSDK({
  serviceName: 'bench-web',
  endpoint: 'http://127.0.0.1:4318',
  instrumentations: [getWebAutoInstrumentations()],
}).start()

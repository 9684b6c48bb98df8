// `import '@spanlight/web-tracing/zone'` in the browser entry, before
// initWebTracing: loads zone.js so the active span follows setTimeout,
// event listeners and promise callbacks, not just synchronous calls.
// Costs about 13 KB gzipped. Browser-only: do not import it on the server.
// (Native async/await is not followed by zone.js; await inside a span's
// callback still loses the context when the build targets ES2017+.)
import 'zone.js'
import { ZoneContextManager } from '@opentelemetry/context-zone-peer-dep'
import { setContextManagerFactory } from './context/context-manager-factory.js'

setContextManagerFactory(() => new ZoneContextManager())

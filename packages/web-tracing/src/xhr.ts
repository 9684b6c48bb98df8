// `import '@spanlight/web-tracing/xhr'` before initWebTracing: XMLHttpRequest
// spans with the same propagation, ignore and unload rules as fetch.
import { XMLHttpRequestInstrumentation } from '@opentelemetry/instrumentation-xml-http-request'
import { addHttpClientInstrumentation } from './instrumentation/http-client-instrumentations.js'

addHttpClientInstrumentation((config) => new XMLHttpRequestInstrumentation(config))

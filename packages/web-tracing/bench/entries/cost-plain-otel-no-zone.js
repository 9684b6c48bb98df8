import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { registerInstrumentations } from '@opentelemetry/instrumentation'
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, WebTracerProvider } from '@opentelemetry/sdk-trace-web'
import { installFetchLoop } from './cost-loop.js'

const { endpoint, api } = window.__BENCH__
const provider = new WebTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'bench-web' }),
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }))],
})
// the default context manager: no zone.js
provider.register()
registerInstrumentations({ instrumentations: [new FetchInstrumentation({ propagateTraceHeaderCorsUrls: [new RegExp(`^${api}/`)] })] })
// instrumentation-fetch ends spans ~300 ms after the response: wait for that, then export
installFetchLoop(() => new Promise((resolve) => setTimeout(resolve, 400)).then(() => provider.forceFlush()))

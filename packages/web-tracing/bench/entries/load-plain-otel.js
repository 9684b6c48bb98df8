import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, WebTracerProvider } from '@opentelemetry/sdk-trace-web'
import { installLoadApi } from './load-loop.js'

// the documented setup, with the BatchSpanProcessor's defaults
const { endpoint, serviceName } = window.__BENCH__
const provider = new WebTracerProvider({
  resource: resourceFromAttributes({ 'service.name': serviceName }),
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }))],
})
provider.register()
installLoadApi(provider.getTracer('bench'), () => provider.forceFlush())

import { context, trace } from '@opentelemetry/api'
import { initWebTracing } from '@spanlight/web-tracing'
import { rollbarBridge } from '@spanlight/web-tracing/rollbar'
import Rollbar from 'rollbar'
import { config, markReady } from './test-config.js'

// The app owns its Rollbar instance, with its own transform that must keep working.
const rollbar = new Rollbar({
  accessToken: 'post-client-token',
  endpoint: `${config.endpoint}/api/1/item/`,
  captureUncaught: true,
  captureUnhandledRejections: true,
  environment: 'test',
  transform: (data: Record<string, unknown>) => {
    data.custom = { ...(data.custom as object), app_transform: 'ran' }
  },
})

const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  exportDelayMs: 50,
  rollbar: rollbarBridge(rollbar),
})

// the app reports right away, in the same task as initWebTracing: the instance is already bridged
const firstScript = tracing.tracer.startSpan('first script')
context.with(trace.setSpan(context.active(), firstScript), () => rollbar.error(new Error(`right after init ${config.serviceName}`)))
firstScript.end()

markReady({
  firstScriptTraceId: () => firstScript.spanContext().traceId,
  reportInSpan(message: string) {
    const span = tracing.tracer.startSpan('place order')
    context.with(trace.setSpan(context.active(), span), () => rollbar.error(new Error(message)))
    span.end()
    return span.spanContext().traceId
  },
  rejectUnhandled(message: string) {
    void Promise.reject(new Error(message))
  },
})

import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { expect } from '@playwright/test'
import Rollbar from 'rollbar'
import { READ_TOKEN, ROLLBAR_POST_TOKEN, STORE_URL } from './ports'

export const MARKUP_VALUE = '<img src=x onerror="window.__spanlightXss=1"><b>not bold</b>'

function providerFor(serviceName: string) {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${STORE_URL}/v1/traces` }))],
  })
}

/** A browser click in one service calling a failing handler in another, sent with the real OTLP/HTTP exporter. */
export async function sendCheckoutTrace(
  suffix: string,
  /** the uuid of the Rollbar occurrence reported from the failing handler, as its `rollbar.item.uuid` */
  itemUuid: string,
): Promise<{ traceId: string; webSpanId: string; apiSpanId: string; webService: string; apiService: string }> {
  const webService = `e2e-web-${suffix}`
  const apiService = `e2e-api-${suffix}`
  const web = providerFor(webService)
  const api = providerFor(apiService)
  const click = web.getTracer('e2e').startSpan('checkout click', { kind: SpanKind.CLIENT, attributes: { 'app.note': MARKUP_VALUE } })
  const handler = api
    .getTracer('e2e')
    .startSpan(
      'POST /api/checkout',
      { kind: SpanKind.SERVER, attributes: { 'http.route': '/api/checkout', 'rollbar.item.uuid': itemUuid } },
      trace.setSpan(context.active(), click),
    )
  handler.recordException(new TypeError('cart is undefined'))
  handler.setStatus({ code: SpanStatusCode.ERROR, message: 'cart is undefined' })
  handler.end()
  click.end()
  await api.forceFlush()
  await web.forceFlush()
  await Promise.all([api.shutdown(), web.shutdown()])
  return { traceId: click.spanContext().traceId, webSpanId: click.spanContext().spanId, apiSpanId: handler.spanContext().spanId, webService, apiService }
}

/** One Rollbar item reported by the real `rollbar` package to the store, carrying the trace and span ids. */
export async function sendRollbarItem(traceId: string, spanId: string, message: string, uuid: string): Promise<void> {
  const rollbar = new Rollbar({
    // the uuid the span names, set the way the browser bridge sets it
    transform: (data: Record<string, unknown>) => {
      data.uuid = uuid
    },
    accessToken: ROLLBAR_POST_TOKEN,
    endpoint: `${STORE_URL}/api/1/`,
    environment: 'e2e',
    captureUncaught: false,
    captureUnhandledRejections: false,
    payload: { custom: { trace_id: traceId, span_id: spanId } },
  })
  await new Promise<void>((resolve, reject) => {
    rollbar.error(new TypeError(message), (error) => (error ? reject(error) : resolve()))
  })
}

/** Polls the store (not the dashboard) until a condition holds: a wait on a condition, not a sleep. */
export async function waitForStore<T>(path: string, accept: (body: T) => boolean, timeoutMs = 15_000): Promise<T> {
  let found: T | undefined
  const probe = async () => {
    const response = await fetch(`${STORE_URL}${path}`, { headers: { authorization: `Bearer ${READ_TOKEN}`, 'x-rollbar-access-token': READ_TOKEN } })
    const body = response.ok ? ((await response.json()) as T) : undefined
    return body !== undefined && accept(body) ? body : undefined
  }
  await expect.poll(async () => (found = await probe()) !== undefined, { message: `the store's answer on ${path}`, timeout: timeoutMs }).toBe(true)
  return found!
}

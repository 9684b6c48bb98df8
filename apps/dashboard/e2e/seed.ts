import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { expect } from '@playwright/test'
import Rollbar from 'rollbar'
import { postRollbarData } from './post-to-store'
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

export interface Breadcrumb {
  type: 'network' | 'navigation' | 'dom' | 'log' | 'error' | 'manual'
  body: Record<string, unknown>
  level?: 'debug' | 'info' | 'warning' | 'error' | 'critical'
}

/**
 * One occurrence reported by the real `rollbar` package, with telemetry recorded through its `captureEvent` (what
 * rollbar.js sends as `data.body.telemetry`), a person and the trace and span ids. A fresh notifier each time, so
 * each occurrence carries only its own breadcrumbs. The error is made here, so its top frame is this file.
 */
export async function sendRollbarOccurrenceWithBreadcrumbs(options: {
  message: string
  traceId: string
  spanId: string
  breadcrumbs: Breadcrumb[]
  person: { id: string; username: string; email: string }
  /** groups the occurrences into one item whatever their stacks */
  fingerprint: string
}): Promise<void> {
  const rollbar = new Rollbar({
    accessToken: ROLLBAR_POST_TOKEN,
    endpoint: `${STORE_URL}/api/1/`,
    environment: 'e2e',
    captureUncaught: false,
    captureUnhandledRejections: false,
    payload: { custom: { trace_id: options.traceId, span_id: options.spanId }, person: options.person, fingerprint: options.fingerprint },
  })
  // at run time captureEvent takes the event type first (rollbar's utility.createTelemetryEvent reads a type, a level
  // and a metadata object in any order); its type declarations name only (metadata, level)
  const captureEvent = rollbar.captureEvent.bind(rollbar) as unknown as (type: Breadcrumb['type'], metadata: object, level: string) => void
  for (const crumb of options.breadcrumbs) captureEvent(crumb.type, crumb.body, crumb.level ?? 'info')
  const error = new TypeError(options.message)
  await new Promise<void>((resolve, reject) => {
    rollbar.error(error, (failure) => (failure ? reject(failure) : resolve()))
  })
}

/** Uploads a source map the way Rollbar's `POST /api/1/sourcemap` takes it (multipart: access_token, version, minified_url, source_map). */
export async function uploadSourceMap(options: { version: string; minifiedUrl: string; sourceMap: unknown }): Promise<void> {
  const form = new FormData()
  form.set('access_token', ROLLBAR_POST_TOKEN)
  form.set('version', options.version)
  form.set('minified_url', options.minifiedUrl)
  form.set('source_map', new Blob([JSON.stringify(options.sourceMap)], { type: 'application/json' }), 'bundle.js.map')
  const response = await fetch(`${STORE_URL}/api/1/sourcemap`, { method: 'POST', body: form })
  expect(response.status, await response.text()).toBe(200)
}

/**
 * One occurrence in the shape rollbar.js sends from a browser (its transforms: `client.javascript` with the user
 * agent and code version, `request.user_ip: '$remote_ip'`, `body.trace` with the minified frames most recent last,
 * `body.telemetry`), posted with the token in `X-Rollbar-Access-Token` as its transport does.
 */
export async function sendBrowserOccurrence(options: {
  message: string
  codeVersion: string
  userAgent: string
  /** most recent last, as rollbar.js lists them */
  frames: { filename: string; lineno: number; colno: number; method: string }[]
}): Promise<void> {
  const nowMs = Date.now()
  const data = {
    environment: 'e2e',
    level: 'error',
    platform: 'browser',
    framework: 'browser-js',
    language: 'javascript',
    timestamp: Math.round(nowMs / 1000),
    uuid: crypto.randomUUID(),
    body: {
      trace: { exception: { class: 'Error', message: options.message }, frames: options.frames },
      telemetry: [{ level: 'info', type: 'navigation', source: 'client', timestamp_ms: nowMs - 1500, body: { from: '/', to: '/checkout' } }],
    },
    request: { url: 'http://127.0.0.1:4999/checkout', query_string: '', user_ip: '$remote_ip' },
    client: {
      runtime_ms: 2400,
      timestamp: Math.round(nowMs / 1000),
      javascript: {
        browser: options.userAgent,
        code_version: options.codeVersion,
        source_map_enabled: true,
        guess_uncaught_frames: false,
        language: 'en-US',
        cookie_enabled: true,
        screen: { width: 1920, height: 1080 },
        plugins: [],
      },
    },
    notifier: { name: 'rollbar-browser-js', version: '3.1.0' },
  }
  await postRollbarData(data)
}

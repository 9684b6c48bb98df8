/**
 * The server side of the SPA's document load: how a server that renders the HTML joins the browser's trace.
 *
 * For each HTML document it serves, the server records a SERVER span (`GET /`, service `demo-web-server`) and
 * renders that span's context into the page as
 *
 *   <meta name="traceparent" content="00-<trace id>-<span id>-<flags>" />
 *
 * @spanlight/web-tracing (like OpenTelemetry's document-load instrumentation) reads that tag and makes the page's
 * `documentLoad` span a child of the server span, so the page load is one trace with the request that served its
 * HTML, starting on the server. Any server that renders HTML can do the same with its own
 * OpenTelemetry SDK; with the span of the current request active:
 *
 *   const carrier: Record<string, string> = {}
 *   propagation.inject(context.active(), carrier) // W3C Trace Context: carrier.traceparent
 *   html = html.replace('</head>', `<meta name="traceparent" content="${carrier.traceparent}" /></head>`)
 *
 * The flags carry the server's sampling decision: the browser records the page load only when the server span is
 * sampled (`-01`), and not at all when it is not (`-00`). Render it per response, never into a cached page.
 *
 * Here the SPA is static files served by Vite (`vite preview`, `vite dev`), so this plugin does it in front of
 * Vite's own HTML handling; only the meta tag is added, the HTML is otherwise served as built.
 */
import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_SERVICE_NAME,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
} from '@opentelemetry/semantic-conventions'
import type { Connect, Plugin } from 'vite'
import { z } from 'zod'

export const SERVICE_NAME = 'demo-web-server'
export const DEFAULT_OTLP_ENDPOINT = 'http://127.0.0.1:4318'
/** Spans are sent this soon after they end, so a page load shows up at once. */
const EXPORT_DELAY_MS = 500
/** An export to a store that is down gives up after this; so does the flush when the server closes. */
const EXPORT_TIMEOUT_MS = 2000

const envSchema = z.object({
  SPANLIGHT_OTLP_ENDPOINT: z.url({ message: 'must be a URL like http://127.0.0.1:4318' }).default(DEFAULT_OTLP_ENDPOINT),
})

/** The store's base URL from `SPANLIGHT_OTLP_ENDPOINT` (as the demo API reads it); throws naming the variable. */
export function otlpEndpointFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  // an empty variable counts as unset, as in `VAR= command`
  const parsed = envSchema.safeParse({ SPANLIGHT_OTLP_ENDPOINT: env.SPANLIGHT_OTLP_ENDPOINT || undefined })
  if (!parsed.success) throw new Error(`[demo-web] invalid environment: SPANLIGHT_OTLP_ENDPOINT: ${parsed.error.issues[0]!.message}`)
  return parsed.data.SPANLIGHT_OTLP_ENDPOINT.replace(/\/+$/, '')
}

/** `html` with `<meta name="traceparent">` added as the last element of its head; unchanged when it has no head. */
export function injectTraceparent(html: string, traceparent: string): string {
  return html.replace(/([ \t]*)<\/head>/i, (_match, indent: string) => `${indent}  <meta name="traceparent" content="${traceparent}" />\n${indent}</head>`)
}

/** A browser asking for a page (not a script, a source map or a readiness probe): the SPA's index.html answers it. */
function isDocumentRequest(request: IncomingMessage, pathname: string): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  if (!String(request.headers.accept ?? '').includes('text/html')) return false
  // as Vite's SPA fallback: the index itself, or a path without a file extension
  return pathname === '/index.html' || !/\.[^/]*$/.test(pathname)
}

/**
 * Middleware that serves the SPA's HTML documents from `loadHtml(url)` inside a SERVER span, with that span's
 * traceparent rendered into the page. Other requests pass through.
 */
function documentTraceMiddleware(tracer: Tracer, loadHtml: (url: string) => Promise<string>): Connect.NextHandleFunction {
  const propagator = new W3CTraceContextPropagator()
  return (request: IncomingMessage, response: ServerResponse, next: Connect.NextFunction) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (!isDocumentRequest(request, url.pathname)) return next()
    const method = request.method!
    // a proxy in front may have started the trace already
    const parent = propagator.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter)
    const [host, port] = (request.headers.host ?? '').split(':')
    const span = tracer.startSpan(
      `${method} ${url.pathname}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: method,
          [ATTR_URL_PATH]: url.pathname,
          [ATTR_URL_SCHEME]: 'http',
          [ATTR_HTTP_ROUTE]: url.pathname,
          ...(host ? { [ATTR_SERVER_ADDRESS]: host } : {}),
          ...(port ? { [ATTR_SERVER_PORT]: Number(port) } : {}),
          ...(request.headers['user-agent'] ? { [ATTR_USER_AGENT_ORIGINAL]: request.headers['user-agent'] } : {}),
        },
      },
      parent,
    )
    response.once('close', () => {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.statusCode)
      if (response.statusCode >= 500 || !response.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR })
      span.end()
    })
    const carrier: Record<string, string> = {}
    propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter)
    loadHtml(request.url ?? '/').then(
      (html) => {
        const body = carrier.traceparent ? injectTraceparent(html, carrier.traceparent) : html
        response.statusCode = 200
        response.setHeader('Content-Type', 'text/html; charset=utf-8')
        // each response names its own server span: never serve a cached one
        response.setHeader('Cache-Control', 'no-store')
        response.end(method === 'HEAD' ? undefined : body)
      },
      (error: unknown) => {
        span.recordException(error instanceof Error ? error : String(error))
        next(error)
      },
    )
  }
}

/** One tracer provider per Vite server, exporting to the store; shut down (spans flushed) when the server closes. */
function startTracing(): { tracer: Tracer; shutdown: () => Promise<void> } {
  const endpoint = otlpEndpointFromEnv()
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: SERVICE_NAME }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces`, timeoutMillis: EXPORT_TIMEOUT_MS }), {
        scheduledDelayMillis: EXPORT_DELAY_MS,
        exportTimeoutMillis: EXPORT_TIMEOUT_MS,
      }),
    ],
  })
  return { tracer: provider.getTracer(SERVICE_NAME), shutdown: () => provider.shutdown() }
}

/**
 * Traces the SPA's HTML documents on `vite preview` (the built dist/index.html) and `vite dev` (index.html as Vite
 * transforms it), rendering `<meta name="traceparent">` into each. `vite build` is unaffected.
 */
export function documentTracePlugin(): Plugin {
  return {
    name: 'spanlight-document-trace',
    configurePreviewServer(server) {
      const { tracer, shutdown } = startTracing()
      server.httpServer.once('close', () => void shutdown().catch(() => undefined))
      const indexFile = path.resolve(server.config.root, server.config.build.outDir, 'index.html')
      server.middlewares.use(documentTraceMiddleware(tracer, () => readFile(indexFile, 'utf8')))
    },
    configureServer(server) {
      const { tracer, shutdown } = startTracing()
      server.httpServer?.once('close', () => void shutdown().catch(() => undefined))
      const indexFile = path.resolve(server.config.root, 'index.html')
      server.middlewares.use(documentTraceMiddleware(tracer, async (url) => server.transformIndexHtml(url, await readFile(indexFile, 'utf8'))))
    },
  }
}

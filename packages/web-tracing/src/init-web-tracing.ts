import { context, propagation, trace, type Tracer } from '@opentelemetry/api'
import type { Instrumentation } from '@opentelemetry/instrumentation'
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch'
import { resourceFromAttributes } from '@opentelemetry/resources'
// the SDK's provider itself: sdk-trace-base's BasicTracerProvider only adds OTEL_* environment variables, which a browser has none of
import { ParentBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace'
import { createContextManager } from './context/context-manager-factory.js'
import { MESSAGES } from './config/messages.js'
import { describeConfig, resolveConfig, type ResolvedWebTracingOptions } from './config/resolve-config.js'
import type { RollbarLike, WebTracingOptions } from './config/web-tracing-options.js'
import { ExportQueue, type ExportStats } from './export/export-queue.js'
import { watchPageExit } from './export/watch-page-exit.js'
import { createHttpClientInstrumentations } from './instrumentation/http-client-instrumentations.js'
import { traceDocumentLoad } from './instrumentation/trace-document-load.js'
import { shareResourceObserver } from './instrumentation/shared-resource-observer.js'
import { createLogger, type Logger } from './logger.js'
import { createPropagator } from './propagation/create-propagator.js'
import { createPropagationPredicate } from './propagation/should-propagate.js'
import { UrlPredicateRegExp } from './propagation/url-predicate-regexp.js'
import { redactUrl, URL_ATTRIBUTE_KEYS } from './redaction/redact-url.js'
import { rememberErrorOrigin } from './rollbar/error-origins.js'
import { recordErrorOnSpan, spanForError } from './rollbar/record-error-on-span.js'
import type { RollbarBridge } from './rollbar/rollbar-setup.js'
import { rememberEscapingErrors } from './remember-escaping-errors.js'
import { sessionSampler } from './sampling/session-sampler.js'
import { traceIdRatioSampler } from './sampling/trace-id-ratio-sampler.js'
import { ATTR_SESSION_ID, sessionResourceAttributes } from './session/session-attributes.js'
import { createSessionTracker } from './session/session-tracker.js'
import { runSpanStartHooks } from './signals/span-start-hooks.js'
import { VERSION } from './version.js'

/** Name and version of the tracer `initWebTracing` returns. */
export const TRACER_NAME = '@spanlight/web-tracing'
export { ATTR_SESSION_ID }

export interface WebTracing {
  /** false when tracing is off (not a browser, or initialization failed) */
  readonly enabled: boolean
  /** a tracer for the app's own spans (clicks, business steps) */
  readonly tracer: Tracer
  /** exports every ended span now (after reports waiting for a lazily loaded Rollbar are sent, waiting at most 3 s for it); resolves when the collector answered */
  forceFlush(): Promise<void>
  /** flushes, then removes the instrumentation and listeners */
  shutdown(): Promise<void>
  /** records `error` on the active span (or a new `exception` span) and reports it to Rollbar when bridged; never throws */
  reportError(error: unknown, extra?: Record<string, unknown>): void
  /** the current session id (`session.id` on every span, `session_id` on Rollbar items) */
  sessionId(): string
  /** export counters: exported, dropped (queue full), failed, queued */
  stats(): ExportStats
  /** resolves with the Rollbar instance once it is ready (undefined without Rollbar) */
  rollbar(): Promise<RollbarLike | undefined>
  /** resolves when the lazily loaded parts (Rollbar created from options) are in place */
  ready(): Promise<void>
}

let current: WebTracing | undefined

/**
 * Starts browser tracing: fetch and document-load spans, W3C propagation to
 * the page's origin and `propagateTo`, batched OTLP/HTTP JSON export with
 * lossless unload, a session id and the optional Rollbar bridge. Never
 * throws: bad options are reported as `[spanlight]` warnings, and outside a
 * browser it returns a disabled handle. Calling it again returns the first
 * handle until that one is shut down.
 */
export function initWebTracing(options: WebTracingOptions): WebTracing {
  const debug = typeof options === 'object' && options !== null && options.debug === true
  const logger = createLogger({ debug })
  try {
    if (typeof window === 'undefined' || typeof document === 'undefined' || typeof window.fetch !== 'function') {
      logger.debug(MESSAGES.notInBrowser)
      return disabledTracing()
    }
    if (current) {
      logger.warn(MESSAGES.alreadyInitialized)
      return current
    }
    const { resolved, problems } = resolveConfig(options, window.location.href)
    const reported = new Set<string>()
    for (const problem of problems) {
      const line = `${MESSAGES[problem.message]} (${problem.option})`
      if (!reported.has(line)) logger.warn(line)
      reported.add(line)
    }
    if (problems.some((problem) => problem.message === 'optionsNotObject')) return disabledTracing()
    logger.debug('resolved config', describeConfig(resolved))
    current = start(resolved, logger)
    return current
  } catch (error) {
    logger.warn(MESSAGES.initFailed, error)
    return disabledTracing()
  }
}

function start(resolved: ResolvedWebTracingOptions, logger: Logger): WebTracing {
  // captured before any instrumentation wraps fetch: exports are never traced
  const nativeFetch = window.fetch.bind(window)
  const session = createSessionTracker({ storage: pickStorage(resolved.sessionStorage), timeoutMs: resolved.sessionTimeoutMs })

  let redactUrlFailed = false
  const redactValue = (url: string) => {
    let result = redactUrl(url, resolved.redactQueryParams)
    if (resolved.redactUrl) {
      try {
        result = String(resolved.redactUrl(result))
      } catch (error) {
        // once is enough: it would fail the same way for every URL
        if (!redactUrlFailed) logger.warn(`${MESSAGES.callbackFailed} (redactUrl)`, error)
        redactUrlFailed = true
      }
    }
    return result
  }

  const queue = new ExportQueue({
    url: resolved.tracesUrl ?? '',
    headers: resolved.headers,
    fetch: resolved.tracesUrl ? nativeFetch : () => Promise.resolve(new Response(null, { status: 200 })),
    maxQueueSize: resolved.maxQueueSize,
    maxBatchSize: resolved.maxExportBatchSize,
    delayMs: resolved.exportDelayMs,
    timeoutMs: resolved.exportTimeoutMs,
    rewriteAttribute: (key, value) => (URL_ATTRIBUTE_KEYS.includes(key) ? redactValue(value) : value),
    // each request's resources say which session their spans belong to, with its start and latest activity
    sessionResource: (id) => sessionResourceAttributes(id, session.find(id)),
    onStart: (span) => {
      // on the span too, not only its resource: the store's session page and Rollbar links read it there
      span.setAttribute(ATTR_SESSION_ID, session.currentId())
      runSpanStartHooks(span)
    },
    onDropped: (count) => logger.debug(MESSAGES.spansDropped, count),
  })

  const provider = new TracerProvider({
    resource: resourceFromAttributes(resourceAttributes(resolved)),
    sampler:
      resolved.sampleBy === 'session'
        ? sessionSampler(resolved.sampleRate, session.currentId)
        : new ParentBasedSampler({ root: traceIdRatioSampler(resolved.sampleRate) }),
    spanProcessors: [queue],
  })
  // what WebTracerProvider.register does, without bundling its default propagators
  trace.setGlobalTracerProvider(provider)
  propagation.setGlobalPropagator(createPropagator(resolved.propagationFormats))
  context.setGlobalContextManager(createContextManager().enable())
  const tracer = rememberEscapingErrors(provider.getTracer(TRACER_NAME, VERSION))

  const ignoredPrefixes = [resolved.tracesUrl, resolved.rollbar?.endpoint].filter((url): url is string => !!url)
  const userIgnores = resolved.ignoreUrls
  const isIgnored = (url: string) =>
    ignoredPrefixes.some((prefix) => url.startsWith(prefix)) ||
    userIgnores.some((pattern) => {
      if (typeof pattern === 'string') return url.startsWith(pattern)
      pattern.lastIndex = 0
      return pattern.test(url)
    })
  const shouldPropagate = createPropagationPredicate(resolved.propagationTargets, window.location.origin)

  const httpClientConfig = {
    propagateTraceHeaderCorsUrls: [new UrlPredicateRegExp((url) => !isIgnored(url) && shouldPropagate(url))],
    ignoreUrls: [new UrlPredicateRegExp(isIgnored)],
  }
  const instrumentations: Instrumentation[] = []
  if (resolved.instrumentations.fetch) {
    const fetchInstrumentation = new FetchInstrumentation({
      ...httpClientConfig,
      // a failed fetch: remember its span for the error the app may leave uncaught
      applyCustomAttributesOnSpan: (span, _request, result) => {
        if (!(typeof Response !== 'undefined' && result instanceof Response)) rememberErrorOrigin(result, span)
      },
    })
    shareResourceObserver(fetchInstrumentation)
    instrumentations.push(fetchInstrumentation)
  }
  // opt-in entries such as @spanlight/web-tracing/xhr
  instrumentations.push(...createHttpClientInstrumentations(httpClientConfig))
  for (const instrumentation of instrumentations) {
    instrumentation.setTracerProvider(provider)
    instrumentation.enable()
  }

  const stopDocumentLoad = resolved.instrumentations.documentLoad ? traceDocumentLoad(provider.getTracer(`${TRACER_NAME}/document-load`, VERSION)) : undefined
  const unregisterInstrumentations = () => {
    stopDocumentLoad?.()
    instrumentations.forEach((instrumentation) => instrumentation.disable())
  }

  let bridge: RollbarBridge | undefined
  try {
    bridge = resolved.rollbar?.setup.start({
      tracer,
      sessionId: () => session.currentId(),
      logger,
      environment: resolved.environment,
      serviceVersion: resolved.serviceVersion,
    })
  } catch (error) {
    logger.warn(MESSAGES.rollbarLoadFailed, error)
  }

  const stopWatchingPageExit = watchPageExit(queue)

  let shutDown: Promise<void> | undefined
  const handle: WebTracing = {
    enabled: true,
    tracer,
    forceFlush: () =>
      Promise.resolve(bridge?.idle())
        .then(() => queue.forceFlush())
        .catch((error: unknown) => logger.warn(MESSAGES.exportFailed, error)),
    shutdown() {
      shutDown ??= (async () => {
        stopWatchingPageExit()
        unregisterInstrumentations()
        try {
          await provider.shutdown()
        } catch (error) {
          logger.warn(MESSAGES.exportFailed, error)
        }
        trace.disable()
        propagation.disable()
        context.disable()
        if (current === handle) current = undefined
      })()
      return shutDown
    },
    reportError(error, extra) {
      try {
        if (bridge) return bridge.report(error, extra)
        const { span, end } = spanForError(tracer, error)
        recordErrorOnSpan(span, error)
        end()
      } catch (reportFailure) {
        logger.warn(MESSAGES.callbackFailed, reportFailure)
      }
    },
    sessionId: () => session.currentId(),
    stats: () => queue.stats(),
    rollbar: () => bridge?.ready ?? Promise.resolve(undefined),
    ready: () => (bridge?.ready ?? Promise.resolve()).then(() => undefined),
  }
  return handle
}

function resourceAttributes(resolved: ResolvedWebTracingOptions) {
  const attributes: Record<string, string | number | boolean> = {
    'service.name': resolved.serviceName,
    'telemetry.sdk.name': TRACER_NAME,
    'telemetry.sdk.language': 'webjs',
    'telemetry.sdk.version': VERSION,
  }
  if (resolved.serviceVersion) attributes['service.version'] = resolved.serviceVersion
  if (resolved.environment) attributes['deployment.environment.name'] = resolved.environment
  if (typeof navigator !== 'undefined') {
    attributes['user_agent.original'] = navigator.userAgent
    if (navigator.language) attributes['browser.language'] = navigator.language
  }
  for (const [key, value] of Object.entries(resolved.resourceAttributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value
  }
  return attributes
}

function pickStorage(kind: 'local' | 'session' | 'none'): Storage | undefined {
  if (kind === 'none') return undefined
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage
  } catch {
    return undefined
  }
}

function disabledTracing(): WebTracing {
  return {
    enabled: false,
    tracer: trace.getTracer(TRACER_NAME, VERSION),
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
    reportError: () => undefined,
    sessionId: () => '',
    stats: () => ({ exportedSpans: 0, droppedSpans: 0, failedSpans: 0, queuedSpans: 0 }),
    rollbar: () => Promise.resolve(undefined),
    ready: () => Promise.resolve(),
  }
}

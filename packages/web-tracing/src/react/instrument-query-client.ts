import { context, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api'
import { DEFAULT_REDACTED_QUERY_PARAMS, REDACTED } from '../config/defaults.js'
import type { WebTracing } from '../init-web-tracing.js'
import { ATTR_ENDED_ON_PAGE_HIDE } from '../export/export-queue.js'
import { isRedactedName } from '../redaction/redact-url.js'
import { rememberErrorOrigin } from '../rollbar/error-origins.js'

/** Span attributes of query and mutation spans. */
export const ATTR_QUERY_KEY = 'tanstack.query.key'
export const ATTR_QUERY_HASH = 'tanstack.query.hash'
export const ATTR_QUERY_STATUS = 'tanstack.query.status'
export const ATTR_QUERY_RETRIES = 'tanstack.query.retries'
/** true when the query already had cached data when this run started (a background refetch) */
export const ATTR_QUERY_CACHE_HIT = 'tanstack.query.cache_hit'
export const ATTR_MUTATION_KEY = 'tanstack.mutation.key'

type AnyFunction = (...args: never[]) => unknown

// The structural parts of @tanstack/query-core 5 this module touches; no runtime import.
interface QueryLike {
  queryKey: readonly unknown[]
  queryHash: string
  options: { queryFn?: unknown; meta?: Record<string, unknown> }
  state: { data: unknown; fetchStatus: string; fetchFailureCount: number }
  fetch: (...args: never[]) => Promise<unknown>
  setOptions: (...args: never[]) => void
}
interface MutationLike {
  options: { mutationKey?: readonly unknown[]; mutationFn?: unknown; meta?: Record<string, unknown> }
  state: { failureCount: number }
  execute: (...args: never[]) => Promise<unknown>
}
interface QueryCacheEvent {
  type: string
  query?: QueryLike
}
interface MutationCacheEvent {
  type: string
  mutation?: MutationLike
}
/** The part of the `initWebTracing` handle the instrumentation uses: spans from `tracer`, failures through `reportError`. */
export type QueryTracing = Pick<WebTracing, 'tracer' | 'reportError'>

/** The part of a TanStack `QueryClient` (v5) that is instrumented. */
export interface QueryClientLike {
  getQueryCache(): { getAll(): unknown[]; subscribe(listener: (event: never) => void): () => void }
  getMutationCache(): { getAll(): unknown[]; subscribe(listener: (event: never) => void): () => void }
}

/** How long a run that failed with a network error waits for the page to be left (see `settle`). */
const PAGE_EXIT_GRACE_MS = 1000

const instrumentedClients = new WeakMap<object, () => void>()
const wrappedFunctions = new WeakSet<object>()
/** wrapper → the function it wraps, so a re-run wraps the original, not the previous wrapper */
const wrappedOriginals = new WeakMap<object, unknown>()

/** How query and mutation spans are named and their keys recorded. */
export interface QueryInstrumentationOptions {
  /**
   * The words after `query ` / `mutation ` for a key. Default: the key's
   * first part when it is a string (`['activities', 'search', term]` →
   * `activities`): by TanStack's key convention that is the entity, written
   * in the code, while later parts are often what the user typed or an id.
   * A query's or mutation's own `meta: { spanName: '…' }` comes first.
   */
  spanName?: (key: readonly unknown[]) => string
  /**
   * Object fields in keys whose values are recorded as `REDACTED` in the key
   * attributes (string: exact name, case-insensitive; RegExp: tested on the
   * name). Default: the `redactQueryParams` default of `initWebTracing`.
   */
  redactKeyFields?: readonly (string | RegExp)[]
}

function defaultSpanName(key: readonly unknown[]): string {
  return typeof key[0] === 'string' ? key[0] : ''
}

/** `query <words>`: the run's `meta.spanName`, else the option's or the default rule; never throws. */
function spanNameOf(
  kind: 'query' | 'mutation',
  key: readonly unknown[] | undefined,
  meta: Record<string, unknown> | undefined,
  options: QueryInstrumentationOptions,
): string {
  let words = typeof meta?.spanName === 'string' ? meta.spanName : ''
  if (!words) {
    try {
      words = String((options.spanName ?? defaultSpanName)(key ?? []))
    } catch {
      words = defaultSpanName(key ?? [])
    }
  }
  return `${kind} ${words}`.trim()
}

/** The key as JSON, with the values of secret-looking object fields redacted. */
function keyAttribute(key: readonly unknown[] | undefined, redactFields: readonly (string | RegExp)[]): string {
  try {
    return JSON.stringify(key ?? [], function (this: unknown, name: string, value: unknown) {
      return name !== '' && !Array.isArray(this) && isRedactedName(name, redactFields) ? REDACTED : value
    })
  } catch {
    return String(key)
  }
}

/**
 * Records a failed run on its span: through `reportError` when there is one
 * (so with Rollbar bridged the span also gets the item's uuid), otherwise
 * as an exception event and ERROR status.
 */
function endWithError(span: Span, error: unknown, reportError: QueryTracing['reportError'] | undefined): void {
  rememberErrorOrigin(error, span)
  if (reportError) return context.with(trace.setSpan(context.active(), span), () => reportError(error))
  if (error instanceof Error) span.recordException(error)
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) })
}

/** Runs `fn` (a query or mutation function) in the context of the run's span, for every attempt. */
function wrapInRunContext<T extends AnyFunction>(fn: T, runContext: () => Context | undefined, onAttempt: () => void): T {
  const wrapped = function (this: unknown, ...args: Parameters<T>) {
    onAttempt()
    const active = runContext()
    return active ? context.with(active, () => fn.apply(this, args)) : fn.apply(this, args)
  } as unknown as T
  wrappedFunctions.add(wrapped)
  return wrapped
}

/**
 * Gives every TanStack Query run a span: `query <name>` for each fetch of a
 * query (not for cache reads) and `mutation <name>` for each mutation (the
 * name never holds the key's later parts: see QueryInstrumentationOptions),
 * with the full key (secret-looking fields redacted), the status, the retry
 * count and whether cached data was there. The query and mutation functions
 * run in their span's context on every attempt, so their fetches are its
 * children and carry its trace. A run still going when the page is left
 * ends then, marked `spanlight.ended_on_page_hide`, and is no error.
 * Given the `initWebTracing` handle, a failed run is reported with its
 * `reportError` from the run's span (to Rollbar too, when bridged); given
 * only a tracer, it is recorded on the span. Idempotent; returns a function
 * that stops instrumenting new queries.
 */
export function instrumentQueryClient(
  queryClient: QueryClientLike,
  tracing: QueryTracing | Tracer = trace.getTracer('@spanlight/web-tracing'),
  options: QueryInstrumentationOptions = {},
): () => void {
  const existing = instrumentedClients.get(queryClient)
  if (existing) return existing
  const tracer: Tracer = 'tracer' in tracing ? tracing.tracer : tracing
  const reportError = 'reportError' in tracing ? tracing.reportError : undefined
  const runSpans = new WeakMap<object, { span: Span; context: Context; attempts: number }>()
  const redactFields = options.redactKeyFields ?? DEFAULT_REDACTED_QUERY_PARAMS
  // Runs still going when the page goes away: their fetches are cut by the navigation, so they would
  // fail with a network error that is no fault of the app, or never settle and never be exported.
  const runsInFlight = new Set<Span>()
  const endRunsOnPageHide = () => {
    for (const span of runsInFlight) {
      span.setAttribute(ATTR_ENDED_ON_PAGE_HIDE, true)
      span.end()
    }
    runsInFlight.clear()
  }
  if (typeof window !== 'undefined') window.addEventListener('pagehide', endRunsOnPageHide)
  /**
   * Ends a settled run with `complete`, unless the page left first. A navigation cancels the page's fetches
   * when it starts, before `pagehide`, so a run that failed with a network error (a TypeError, in every
   * browser) waits PAGE_EXIT_GRACE_MS for it before it counts as an error.
   */
  const settle = (span: Span, error: unknown, complete: () => void) => {
    const completeUnlessEnded = () => {
      if (runsInFlight.delete(span)) complete()
    }
    if (error instanceof TypeError && typeof window !== 'undefined') setTimeout(completeUnlessEnded, PAGE_EXIT_GRACE_MS)
    else completeUnlessEnded()
  }

  const instrumentQuery = (query: QueryLike) => {
    if (wrappedFunctions.has(query.fetch)) return
    const runContext = () => runSpans.get(query)?.context
    const onAttempt = () => {
      const run = runSpans.get(query)
      if (run) run.attempts++
    }
    const wrapQueryFn = () => {
      const queryFn = query.options.queryFn
      if (typeof queryFn === 'function' && !wrappedFunctions.has(queryFn))
        query.options = { ...query.options, queryFn: wrapInRunContext(queryFn as AnyFunction, runContext, onAttempt) }
    }
    const originalSetOptions = query.setOptions
    query.setOptions = function (this: QueryLike, ...args: never[]) {
      originalSetOptions.apply(this, args)
      wrapQueryFn()
    }
    wrapQueryFn()
    const originalFetch = query.fetch
    const fetch = function (this: QueryLike, ...args: never[]) {
      // a run is already going: this call joins it
      if (runSpans.has(query) || query.state.fetchStatus !== 'idle') return originalFetch.apply(this, args)
      const key = keyAttribute(query.queryKey, redactFields)
      const span = tracer.startSpan(spanNameOf('query', query.queryKey, query.options.meta, options), {
        attributes: {
          [ATTR_QUERY_KEY]: key,
          // TanStack's hash spells the key out: left out when the key had a field to redact
          ...(key === keyAttribute(query.queryKey, []) ? { [ATTR_QUERY_HASH]: query.queryHash } : {}),
          [ATTR_QUERY_CACHE_HIT]: query.state.data !== undefined,
        },
      })
      const run = { span, context: trace.setSpan(context.active(), span), attempts: 0 }
      runSpans.set(query, run)
      runsInFlight.add(span)
      const finish = (error?: unknown) => {
        runSpans.delete(query)
        settle(span, error, () => {
          span.setAttribute(ATTR_QUERY_RETRIES, Math.max(0, run.attempts - 1))
          span.setAttribute(ATTR_QUERY_STATUS, error === undefined ? 'success' : 'error')
          if (error !== undefined) endWithError(span, error, reportError)
          span.end()
        })
      }
      let promise: Promise<unknown>
      try {
        promise = context.with(run.context, () => originalFetch.apply(this, args))
      } catch (error) {
        finish(error)
        throw error
      }
      promise.then(
        () => finish(),
        (error: unknown) => finish(error ?? new Error('query failed')),
      )
      return promise
    }
    wrappedFunctions.add(fetch)
    query.fetch = fetch
  }

  const instrumentMutation = (mutation: MutationLike) => {
    if (wrappedFunctions.has(mutation.execute)) return
    const originalExecute = mutation.execute
    const execute = function (this: MutationLike, ...args: never[]) {
      const key = mutation.options.mutationKey
      const span = tracer.startSpan(spanNameOf('mutation', key, mutation.options.meta, options), {
        attributes: key ? { [ATTR_MUTATION_KEY]: keyAttribute(key, redactFields) } : {},
      })
      const runContext = trace.setSpan(context.active(), span)
      let attempts = 0
      const mutationFn = mutation.options.mutationFn
      // the mutation function runs after onMutate (asynchronously): carry the span explicitly
      if (typeof mutationFn === 'function') {
        const original = (wrappedOriginals.get(mutationFn) ?? mutationFn) as AnyFunction
        const wrapped = wrapInRunContext(
          original,
          () => runContext,
          () => attempts++,
        )
        wrappedOriginals.set(wrapped, original)
        mutation.options = { ...mutation.options, mutationFn: wrapped }
      }
      runsInFlight.add(span)
      const finish = (error?: unknown) =>
        settle(span, error, () => {
          span.setAttribute(ATTR_QUERY_RETRIES, Math.max(0, attempts - 1))
          span.setAttribute(ATTR_QUERY_STATUS, error === undefined ? 'success' : 'error')
          if (error !== undefined) endWithError(span, error, reportError)
          span.end()
        })
      let promise: Promise<unknown>
      try {
        promise = context.with(runContext, () => originalExecute.apply(this, args))
      } catch (error) {
        finish(error)
        throw error
      }
      promise.then(
        () => finish(),
        (error: unknown) => finish(error ?? new Error('mutation failed')),
      )
      return promise
    }
    wrappedFunctions.add(execute)
    mutation.execute = execute
  }

  const queryCache = queryClient.getQueryCache()
  const mutationCache = queryClient.getMutationCache()
  const guarded =
    <T>(fn: (value: T) => void) =>
    (value: T) => {
      try {
        fn(value)
      } catch {
        // instrumentation must never break the app's queries
      }
    }
  for (const query of queryCache.getAll()) guarded(instrumentQuery)(query as QueryLike)
  for (const mutation of mutationCache.getAll()) guarded(instrumentMutation)(mutation as MutationLike)
  const unsubscribeQueries = queryCache.subscribe(
    guarded((event: QueryCacheEvent) => {
      if (event.type === 'added' && event.query) instrumentQuery(event.query)
    }) as (event: never) => void,
  )
  const unsubscribeMutations = mutationCache.subscribe(
    guarded((event: MutationCacheEvent) => {
      if (event.type === 'added' && event.mutation) instrumentMutation(event.mutation)
    }) as (event: never) => void,
  )
  const stop = () => {
    unsubscribeQueries()
    unsubscribeMutations()
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', endRunsOnPageHide)
    instrumentedClients.delete(queryClient)
  }
  instrumentedClients.set(queryClient, stop)
  return stop
}

import 'server-only'
import { getEnv, type DashboardEnv } from './env'
import { JaegerTraceSource } from './jaeger-trace-source'
import { NoQuerySource } from './query/no-query-source'
import type { QuerySource } from './query/query-source'
import { SavedQueries } from './query/saved-queries'
import { StoreQuerySource } from './query/store-query-source'
import { TempoQuerySource } from './query/tempo-query-source'
import { RollbarItemStatus } from './rollbar-item-status'
import { RollbarSource } from './rollbar-source'
import { StoreTraceSource } from './store-trace-source'
import { TempoTraceSource } from './tempo-trace-source'
import type { TraceSource } from './trace-source'
import type { Upstream } from './upstream'

export interface Sources {
  traces: TraceSource
  rollbar: RollbarSource
  /** changes an item's status, with the write token (ROLLBAR_WRITE_TOKEN, else the read token) */
  rollbarItemStatus: RollbarItemStatus
  /** custom queries (Honeycomb query specs) on the trace source: the store's own, Tempo's TraceQL metrics, or none (Jaeger) */
  queries: QuerySource
  /** saved queries, always in the store (the trace source may keep none); saved and deleted with the store's write token */
  savedQueries: SavedQueries
  /** what the UI may show about the configuration (no URLs, no tokens) */
  describe: { traceSource: string; rollbarSource: string }
}

function bearer(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {}
}

export function createSources(env: DashboardEnv): Sources {
  const store: Upstream = {
    name: 'the trace store',
    baseUrl: env.storeUrl,
    headers: bearer(env.storeReadToken),
    timeoutMs: env.timeoutMs,
    unreachableHint: 'is it running? Start everything with `npm start`, or set SPANLIGHT_STORE_URL',
  }
  let traces: TraceSource
  let queries: QuerySource
  if (env.traceSource === 'jaeger' && env.jaeger) {
    queries = new NoQuerySource('Jaeger')
    traces = new JaegerTraceSource({
      name: 'Jaeger',
      baseUrl: env.jaeger.url,
      headers: bearer(env.jaeger.token),
      timeoutMs: env.timeoutMs,
      unreachableHint: 'check that Jaeger is running and JAEGER_URL points at its query service',
    })
  } else if (env.traceSource === 'tempo' && env.tempo) {
    const headers = { ...bearer(env.tempo.token), ...(env.tempo.orgId ? { 'x-scope-orgid': env.tempo.orgId } : {}) }
    const tempo: Upstream = {
      name: 'Tempo',
      baseUrl: env.tempo.url,
      headers,
      timeoutMs: env.timeoutMs,
      unreachableHint: 'check that Tempo is running and TEMPO_URL points at its HTTP API',
    }
    traces = new TempoTraceSource(tempo)
    queries = new TempoQuerySource(tempo)
  } else {
    traces = new StoreTraceSource(store)
    queries = new StoreQuerySource(store)
  }
  const rollbarUpstream: Upstream =
    env.rollbar.kind === 'rollbar'
      ? {
          name: 'Rollbar',
          baseUrl: env.rollbar.url,
          headers: { 'x-rollbar-access-token': env.rollbar.token },
          timeoutMs: env.timeoutMs,
          unreachableHint: 'check the network path to the Rollbar API',
        }
      : { ...store, name: "the trace store's Rollbar API", headers: env.rollbar.token ? { 'x-rollbar-access-token': env.rollbar.token } : {} }
  return {
    traces,
    rollbar: new RollbarSource(rollbarUpstream),
    rollbarItemStatus: new RollbarItemStatus(rollbarWriteUpstream(rollbarUpstream, env.rollbarWriteToken)),
    queries,
    savedQueries: new SavedQueries(store, storeWriteUpstream(store, env.storeWriteToken)),
    describe: { traceSource: traces.name, rollbarSource: rollbarUpstream.name },
  }
}

/** The store for requests that change what every reader sees: its write token (SPANLIGHT_WRITE_TOKEN), else the read token. */
function storeWriteUpstream(read: Upstream, writeToken: string | undefined): Upstream {
  return writeToken ? { ...read, headers: { ...read.headers, ...bearer(writeToken) } } : read
}

function rollbarWriteUpstream(read: Upstream, writeToken: string | undefined): Upstream {
  return writeToken ? { ...read, headers: { ...read.headers, 'x-rollbar-access-token': writeToken } } : read
}

let cached: Sources | undefined

export function getSources(): Sources {
  cached ??= createSources(getEnv())
  return cached
}

import 'server-only'
import type { TraceModel } from '../features/traces/model/trace-model'
import { loadedFromModel, type LoadedTrace } from './loaded-trace'
import type { TraceSource } from './trace-source'

// The trace page asks for the outline (to paint rows fast), then for single spans (side panel: from the source's
// single-span view when it has one) and searches within the trace; the rest is answered from one entry kept here for
// a few minutes: the outline, and the whole model once something needed it. Concurrent requests share the fetches, and the page itself starts the outline's
// (`prefetchTrace`) before the browser has even asked for it.

export const TRACE_CACHE_TTL_MS = 5 * 60_000
export const TRACE_CACHE_MAX_ENTRIES = 4

interface Entry {
  trace: Promise<LoadedTrace | null>
  expiresAt: number
}

// Kept on globalThis: Next.js may bundle the page and each route handler with their own copy of this module,
// and the page's prefetch must land where the outline route looks.
const CACHE_KEY = Symbol.for('spanlight.dashboard.traceCache')
const entries: Map<string, Entry> = ((globalThis as Record<symbol, Map<string, Entry> | undefined>)[CACHE_KEY] ??= new Map())

function loadWhole(source: TraceSource, traceId: string): Promise<LoadedTrace | null> {
  return source.trace(traceId).then((model) => model && loadedFromModel(model))
}

/** The trace for its outline: through the source's own outline-first loader when it has one. */
export function cachedTrace(source: TraceSource, traceId: string, now = Date.now()): Promise<LoadedTrace | null> {
  return cachedEntry(source, traceId, now, () => (source.load ? source.load(traceId) : loadWhole(source, traceId)))
}

/** The whole model: from the cached entry when there is one, else fetched whole (no outline first), then cached. */
export async function cachedTraceModel(source: TraceSource, traceId: string, now = Date.now()): Promise<TraceModel | null> {
  const trace = await cachedEntry(source, traceId, now, () => loadWhole(source, traceId))
  return trace && trace.model()
}

function cachedEntry(source: TraceSource, traceId: string, now: number, load: () => Promise<LoadedTrace | null>): Promise<LoadedTrace | null> {
  const key = `${source.name}\n${traceId}`
  for (const [cachedKey, entry] of entries) if (entry.expiresAt <= now) entries.delete(cachedKey)
  const hit = entries.get(key)
  if (hit) {
    // most recently used last
    entries.delete(key)
    entries.set(key, hit)
    return hit.trace
  }
  const trace = load()
  const entry = { trace, expiresAt: now + TRACE_CACHE_TTL_MS }
  entries.set(key, entry)
  // failures and "not found" are not kept: the next request asks the source again
  trace.then(
    (value) => {
      if (value === null && entries.get(key) === entry) entries.delete(key)
    },
    () => {
      if (entries.get(key) === entry) entries.delete(key)
    },
  )
  while (entries.size > TRACE_CACHE_MAX_ENTRIES) entries.delete(entries.keys().next().value!)
  return trace
}

export function clearTraceCache(): void {
  entries.clear()
}

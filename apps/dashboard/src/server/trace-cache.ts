import 'server-only'
import type { TraceModel } from '../features/traces/model/trace-model'
import type { TraceSource } from './trace-source'

// The trace page asks for the outline (to paint rows fast), then for single spans (side panel) and searches within the
// trace; all of them are answered from one upstream fetch kept here for a few minutes. Concurrent requests share the fetch.

export const TRACE_CACHE_TTL_MS = 5 * 60_000
export const TRACE_CACHE_MAX_ENTRIES = 4

interface Entry {
  trace: Promise<TraceModel | null>
  expiresAt: number
}

const entries = new Map<string, Entry>()

export function cachedTrace(source: TraceSource, traceId: string, now = Date.now()): Promise<TraceModel | null> {
  const key = `${source.name}\n${traceId}`
  for (const [cachedKey, entry] of entries) if (entry.expiresAt <= now) entries.delete(cachedKey)
  const hit = entries.get(key)
  if (hit) {
    // most recently used last
    entries.delete(key)
    entries.set(key, hit)
    return hit.trace
  }
  const trace = source.trace(traceId)
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

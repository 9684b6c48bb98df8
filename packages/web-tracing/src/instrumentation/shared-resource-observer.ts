import type { HrTime } from '@opentelemetry/api'
import { hrTime } from '@opentelemetry/core'

/** What instrumentation-fetch keeps per fetch to find its resource timing (its `_prepareSpanData` result). */
export interface PendingResource {
  /** Entries for this URL that started after the fetch did. */
  entries: PerformanceResourceTiming[]
  observer?: { disconnect(): void }
  startTime: HrTime
  spanUrl: string
}

export interface WaitingFetch extends PendingResource {
  /** `performance.now()` when the fetch started */
  startMs: number
  /** `performance.now()` when its response was complete (set by the `_endSpan` hook) */
  endMs?: number
}

/**
 * Finds fetches' resource timing entries with one PerformanceObserver for all
 * of them.
 *
 * instrumentation-fetch opens a PerformanceObserver per fetch and keeps it
 * until 300 ms after the response, so the browser hands every resource entry
 * to every observer still open: with a fetch every few milliseconds that is
 * about a hundred observers, each building its own entry list, and it was the
 * largest part of a traced fetch's main-thread cost (`bench/fetch-cost.mjs`).
 * Here one observer hands each `fetch` entry only to the fetches it can
 * belong to: same URL, started after the fetch, ended by its response (what
 * instrumentation-fetch's `getResource` then requires; 1 ms spare for
 * rounding). The result has the shape instrumentation-fetch reads, so it
 * matches entries to spans as before (CORS preflights included).
 */
export function createSharedResourceObserver(): (spanUrl: string) => WaitingFetch {
  const waiting = new Set<WaitingFetch>()
  let observer: PerformanceObserver | undefined

  const deliver = (entries: PerformanceEntryList) => {
    for (const entry of entries as PerformanceResourceTiming[]) {
      if (entry.initiatorType !== 'fetch') continue
      // each read of an entry's field is a call into the browser: once per entry, not per fetch
      const { name, fetchStart, responseEnd } = entry
      for (const pending of waiting)
        if (name === pending.spanUrl && fetchStart >= pending.startMs - 1 && responseEnd <= (pending.endMs ?? Infinity) + 1) pending.entries.push(entry)
    }
  }

  return (spanUrl) => {
    const pending: WaitingFetch = {
      entries: [],
      startTime: hrTime(),
      startMs: performance.now(),
      spanUrl,
      // instrumentation-fetch disconnects 300 ms after the response, just before it matches the entries
      observer: {
        disconnect() {
          waiting.delete(pending)
          if (waiting.size === 0) {
            observer?.disconnect()
            observer = undefined
          }
        },
      },
    }
    if (!observer) {
      observer = new PerformanceObserver((list) => deliver(list.getEntries()))
      observer.observe({ entryTypes: ['resource'] })
    }
    waiting.add(pending)
    return pending
  }
}

type EndSpan = (this: unknown, span: unknown, pending: WaitingFetch | undefined, ...rest: unknown[]) => unknown

/**
 * Makes an instrumentation-fetch instance find resource timing through one
 * shared observer. `_prepareSpanData` and `_endSpan` are private in its
 * types; the version is pinned and a test checks both are still there, and
 * if they ever are not (or the browser has no PerformanceObserver), the
 * instrumentation keeps its own way.
 */
export function shareResourceObserver(instrumentation: object): void {
  const hooked = instrumentation as { _prepareSpanData?: unknown; _endSpan?: EndSpan }
  const endSpan = hooked._endSpan
  if (typeof hooked._prepareSpanData !== 'function' || typeof endSpan !== 'function' || typeof PerformanceObserver !== 'function') return
  hooked._prepareSpanData = createSharedResourceObserver()
  hooked._endSpan = function (span, pending, ...rest) {
    // the response is complete: entries that end later are other fetches'
    if (pending) pending.endMs = performance.now()
    return endSpan.call(this, span, pending, ...rest)
  }
}

import { nanoToMs, type TraceSummary } from './trace-model'

// Sorting the loaded page of search results (the store's search has no sort parameter: it answers newest first).

export const TRACE_SORTS = ['start', 'duration', 'spans', 'errors'] as const
export type TraceSort = (typeof TRACE_SORTS)[number]
export const DEFAULT_TRACE_SORT: TraceSort = 'start'

export const TRACE_SORT_LABELS: Record<TraceSort, string> = {
  start: 'Newest first',
  duration: 'Longest first',
  spans: 'Most spans first',
  errors: 'Most errors first',
}

export function parseTraceSort(value: string | null): TraceSort {
  return (TRACE_SORTS as readonly string[]).includes(value ?? '') ? (value as TraceSort) : DEFAULT_TRACE_SORT
}

/**
 * A sorted copy, largest first; ties keep the newer trace first, then the trace id, so the order is stable across
 * refreshes. Unknown counts (a source that does not report them) sort last.
 */
export function sortTraces(traces: readonly TraceSummary[], sort: TraceSort): TraceSummary[] {
  const keyed = traces.map((trace) => ({ trace, startMs: nanoToMs(trace.startTimeUnixNano), key: sortKey(trace, sort) }))
  keyed.sort((a, b) => b.key - a.key || b.startMs - a.startMs || (a.trace.traceId < b.trace.traceId ? -1 : a.trace.traceId > b.trace.traceId ? 1 : 0))
  return keyed.map((entry) => entry.trace)
}

function sortKey(trace: TraceSummary, sort: TraceSort): number {
  switch (sort) {
    case 'start':
      return 0
    case 'duration':
      return trace.durationMs
    case 'spans':
      return trace.spanCount ?? -1
    case 'errors':
      return trace.errorCount ?? -1
  }
}

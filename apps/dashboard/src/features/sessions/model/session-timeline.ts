import type { OccurrenceRef } from '../../errors/model/rollbar-lookups'
import type { TraceSummary } from '../../traces/model/trace-model'
import { nanoToMs } from '../../traces/model/trace-model'
import { barGeometry, timeTicks, type TimeTick } from '../../waterfall/model/time-layout'

// One session (`session.id` on spans, `session_id` on Rollbar reports) on one time axis: its traces as bars, its
// occurrences as markers. Pure: the page draws what this returns.

export type Part<T> = ({ ok: true } & T) | { ok: false; reason: string }

/** What /api/sessions/:sessionId answers: each half independently, so one source failing leaves the other. */
export interface SessionData {
  sessionId: string
  traces: Part<{ traces: TraceSummary[]; /** more traces matched than were fetched */ truncated: boolean }>
  occurrences: Part<{ occurrences: OccurrenceRef[] }>
}

export interface TraceBar {
  trace: TraceSummary
  startMs: number
  /** fractions (0–1) of the axis */
  left: number
  width: number
}

export interface OccurrenceMarker {
  occurrence: OccurrenceRef
  left: number
}

export interface SessionTimeline {
  /** unix ms of the axis start */
  startMs: number
  durationMs: number
  bars: TraceBar[]
  markers: OccurrenceMarker[]
  ticks: TimeTick[]
}

/** Lays the session out from its first to its last moment; traces by start, occurrences by time. */
export function sessionTimeline(traces: readonly TraceSummary[], occurrences: readonly OccurrenceRef[]): SessionTimeline {
  const spans = traces.map((trace) => ({ trace, startMs: nanoToMs(trace.startTimeUnixNano) }))
  const times = [
    ...spans.flatMap(({ trace, startMs }) => [startMs, startMs + trace.durationMs]),
    ...occurrences.map((occurrence) => occurrence.timestampSec * 1000),
  ]
  if (times.length === 0) return { startMs: 0, durationMs: 0, bars: [], markers: [], ticks: [] }
  const startMs = Math.min(...times)
  const durationMs = Math.max(...times) - startMs
  const bars = spans
    .sort((a, b) => a.startMs - b.startMs || a.trace.traceId.localeCompare(b.trace.traceId))
    .map(({ trace, startMs: traceStartMs }) => ({ trace, startMs: traceStartMs, ...barGeometry(traceStartMs - startMs, trace.durationMs, durationMs) }))
  const markers = [...occurrences]
    .sort((a, b) => a.timestampSec - b.timestampSec || a.occurrenceId - b.occurrenceId)
    .map((occurrence) => ({ occurrence, left: durationMs > 0 ? (occurrence.timestampSec * 1000 - startMs) / durationMs : 0 }))
  return { startMs, durationMs, bars, markers, ticks: timeTicks(durationMs) }
}

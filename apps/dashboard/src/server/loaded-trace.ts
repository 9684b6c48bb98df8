import 'server-only'
import type { TraceModel } from '../features/traces/model/trace-model'
import { traceOutline, type TraceOutline } from '../features/traces/model/trace-outline'

/**
 * A trace fetched once from its source. The waterfall's outline is ready first; the whole model (attributes, events,
 * links, normalised) is built the first time the side panel or a search needs it, so the first rows do not wait for it.
 */
export interface LoadedTrace {
  outline(): TraceOutline
  /** throws a DashboardError when the source sent spans the dashboard does not understand */
  model(): TraceModel
  /** where the load's time went, for the outline route's Server-Timing header */
  timing: { upstreamMs: number; parseMs: number }
}

/** For sources that build the whole model at once (Jaeger, Tempo): the outline is derived from it. */
export function loadedFromModel(model: TraceModel, timing: LoadedTrace['timing'] = { upstreamMs: 0, parseMs: 0 }): LoadedTrace {
  let outline: TraceOutline | undefined
  return { outline: () => (outline ??= traceOutline(model)), model: () => model, timing }
}

import 'server-only'
import type { TraceModel } from '../features/traces/model/trace-model'
import { traceOutline, type TraceOutline } from '../features/traces/model/trace-outline'

/**
 * A trace as the trace page needs it: the waterfall's outline first, the whole model (attributes, events, links,
 * normalised) only when a search within the trace (or a source without a single-span view's side panel) asks for it, so the first rows never wait for it.
 */
export interface LoadedTrace {
  outline(): TraceOutline
  /**
   * The whole model, fetched or built on first use and shared after that; rejects with a DashboardError when the
   * source fails or sends spans the dashboard does not understand (a failed attempt is not kept: the next call retries).
   */
  model(): Promise<TraceModel>
  /** where the outline's time went, for the outline route's Server-Timing header */
  timing: { upstreamMs: number; parseMs: number }
}

/** For sources that build the whole model at once (Jaeger, Tempo, the store's full trace): the outline is derived from it. */
export function loadedFromModel(model: TraceModel, timing: LoadedTrace['timing'] = { upstreamMs: 0, parseMs: 0 }): LoadedTrace {
  let outline: TraceOutline | undefined
  const ready = Promise.resolve(model)
  return { outline: () => (outline ??= traceOutline(model)), model: () => ready, timing }
}

/** A model loaded by `load` on the first call, shared by concurrent callers; a failure is forgotten so a later call retries. */
export function lazyModel(load: () => Promise<TraceModel>): () => Promise<TraceModel> {
  let pending: Promise<TraceModel> | undefined
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined
      throw error
    }))
}

import 'server-only'
import type { TraceSourceKind } from '../env'

// Custom queries (issue 16): a Honeycomb Query Specification run by whichever trace source is configured. The answer
// has the store's shape (packages/trace-store/src/query/custom/run-query.ts, `QueryResult`) whichever source gave it,
// plus `meta`: which source answered, what it ran and which clauses the dashboard applied itself.

type ResultValue = string | number | boolean | null

export interface QueryResultRow {
  data: Record<string, ResultValue>
  exampleTraceIds: string[]
}

export interface QueryResult {
  query: Record<string, unknown>
  data: {
    results: QueryResultRow[]
    /** the store's points name no example traces (asked for on a click); Tempo's name its exemplars' */
    series: { time: string; data: Record<string, ResultValue>; exampleTraceIds?: string[] }[]
    heatmaps: {
      calculation: string
      column: string
      cells: { time: string; lowerBound: number; upperBound: number; count: number; exampleTraceIds: string[] }[]
      valueBuckets: number
      minValue: number | null
      maxValue: number | null
    }[]
  }
  groups: Record<string, ResultValue>[]
  meta: QueryMeta
}

/** A clause of the spec, named as the UI shows it (`calculations[1]: COUNT_DISTINCT(user.id)`), and what about it. */
export interface ClauseNote {
  clause: string
  message: string
}

export interface QueryMeta {
  source: TraceSourceKind
  /** the TraceQL queries the answer was built from (Tempo only) */
  traceql?: string[]
  /** clauses the source does not answer that the dashboard applied over its answer */
  appliedByDashboard: ClauseNote[]
}

/** The body of `POST /api/query/compare`: the spec's time range and filters are the population. */
export interface CompareRequest {
  query: unknown
  selection: { filters?: unknown[]; start_time?: number; end_time?: number }
}

export interface CompareResult {
  query: unknown
  selection: { count: number }
  /** `sampledSpans`: the store read the baseline through a sample of this many spans (its counts are estimates) */
  baseline: { count: number; sampledSpans?: number }
  results: {
    column: string
    score: number
    values: { value: ResultValue; selected: number; baseline: number }[]
    otherSelected: number
    otherBaseline: number
    missingSelected: number
    missingBaseline: number
  }[]
  meta: QueryMeta
}

/** What a source answers, for the UI to offer only that (`GET /api/query/capabilities`). */
export interface QueryCapabilities {
  source: TraceSourceKind
  /** the source's name for messages: "the trace store", "Tempo", "Jaeger" */
  sourceName: string
  /** false: the source has no aggregate query API at all (Jaeger; `message` says so) */
  aggregates: boolean
  compare: boolean
  /** saved queries live in the store whatever the trace source */
  savedQueries: boolean
  message?: string
  /** clauses this source never answers: a spec that uses one is refused with 400 `unsupported_by_source` */
  unsupported: ClauseNote[]
  /** clauses the dashboard applies itself over the source's answer */
  appliedByDashboard: ClauseNote[]
}

/** Runs custom queries against one trace source. */
export interface QuerySource {
  readonly capabilities: QueryCapabilities
  /** the body as the browser sent it (already JSON); throws a DashboardError (400 naming the field, 422, 5xx) */
  run(spec: unknown): Promise<QueryResult>
  compare(request: CompareRequest): Promise<CompareResult>
}

/** A spec that uses clauses the configured source cannot answer: refused before anything is sent, each one named. */
export class UnsupportedClausesError extends Error {
  override name = 'UnsupportedClausesError'
  constructor(
    readonly sourceName: string,
    readonly clauses: ClauseNote[],
  ) {
    super(`${sourceName} cannot answer ${clauses.map((clause) => clause.clause).join('; ')}`)
  }
}

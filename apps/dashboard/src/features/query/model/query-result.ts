// What the dashboard's query routes answer (the trace store's shapes: packages/trace-store/src/query/custom/run-query.ts).
import type { QuerySpec } from './query-spec'

export type ResultValue = string | number | boolean | null

export interface QueryResultRow {
  /** group values by breakdown column, calculations by label (`COUNT`, `P95(duration_ms)`) */
  data: Record<string, ResultValue>
  exampleTraceIds: string[]
}

export interface SeriesPoint extends QueryResultRow {
  /** ISO time of the bucket's start */
  time: string
}

export interface HeatmapCell {
  time: string
  lowerBound: number
  upperBound: number
  count: number
  exampleTraceIds: string[]
}

export interface HeatmapResult {
  calculation: string
  column: string
  cells: HeatmapCell[]
  valueBuckets: number
  minValue: number | null
  maxValue: number | null
}

export interface QueryResult {
  /** the spec as run, defaults filled in */
  query: QuerySpec & { granularity: number }
  data: { results: QueryResultRow[]; series: SeriesPoint[]; heatmaps: HeatmapResult[] }
  groups: Record<string, ResultValue>[]
}

export interface CompareValue {
  value: ResultValue
  selected: number
  baseline: number
}

export interface CompareColumn {
  column: string
  score: number
  values: CompareValue[]
  otherSelected: number
  otherBaseline: number
  missingSelected: number
  missingBaseline: number
}

export interface CompareResult {
  selection: { count: number }
  baseline: { count: number }
  results: CompareColumn[]
}

export interface SavedQuery {
  id: string
  name: string
  query: QuerySpec
  createdAtMs: number
}

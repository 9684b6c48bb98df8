// What the dashboard's query routes answer (the trace store's shapes: packages/trace-store/src/query/custom/run-query.ts).
import type { CompareField, CompareResult as StoreCompareResult, QueryResult as StoreQueryResult } from '@spanlight/trace-store/helpers'
import type { QuerySpec } from './query-spec'

export type { HeatmapResult } from '@spanlight/trace-store/helpers'
export type ResultValue = string | number | boolean | null

type StoreData = StoreQueryResult['data']

/**
 * The store's answer, its `query` read as the dashboard's spec. The store's series points name no example traces (a
 * click asks for them: point-examples.ts); Tempo's do, from its exemplars.
 */
export type QueryResult = Omit<StoreQueryResult, 'query' | 'data'> & {
  query: QuerySpec & { granularity: number }
  data: Omit<StoreData, 'series'> & { series: (StoreData['series'][number] & { exampleTraceIds?: string[] })[] }
}

export type CompareColumn = CompareField
export type CompareResult = Omit<StoreCompareResult, 'query'>

export interface SavedQuery {
  id: string
  name: string
  query: QuerySpec
  createdAtMs: number
}

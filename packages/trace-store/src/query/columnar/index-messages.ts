import type { CompareSpec } from '../custom/compare-spec.js'
import type { QuerySpec } from '../custom/query-spec.js'
import type { SpanTableOptions } from './span-table.js'

/** One stored chunk row, as the index worker gets it: the compressed spans, not yet decoded. */
export interface ChunkRow {
  id: number
  traceId: string
  spans: Uint8Array
}

/** A `resources` or `scopes` row the worker has not been sent yet. */
export interface ContentRow {
  id: number
  json: string
}

export interface IndexWorkerOptions extends SpanTableOptions {
  /** a query running longer than this is stopped and answered as too expensive */
  queryTimeoutMs: number
  /** Compare samples a baseline larger than this (0: never) */
  compareBaselineSampleSpans: number
}

/** Main thread → index worker. Handled one at a time, in order: a query sees every append sent before it. */
export type IndexRequest =
  | { type: 'append'; bytes: number; chunks: ChunkRow[]; resources: ContentRow[]; scopes: ContentRow[] }
  | { type: 'delete'; traceIds: string[] }
  | { type: 'query'; queryId: number; question: Question }
  /** after what is queued: close DuckDB and let the thread end */
  | { type: 'close' }

/** What a query asks: a Honeycomb query's results, or a Compare. */
export type Question = { kind: 'query'; spec: QuerySpec } | { kind: 'compare'; spec: CompareSpec }

export type QueryFailure = 'timeout' | 'memory' | 'internal'

/** Index worker → main thread. */
export type IndexReply =
  | { type: 'appended'; bytes: number; spanCount: number }
  /** the answer as JSON text: serialised here, it crosses to the main thread as one string and is sent as it is */
  /** the answer's JSON text: a QueryResult (run-query.ts) or a CompareResult (compare-query.ts) */
  | { type: 'answer'; queryId: number; json: string }
  | { type: 'failed'; queryId: number; reason: QueryFailure; message: string }
  | { type: 'broken'; message: string }

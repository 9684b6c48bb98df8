import type { RejectedSpan } from '../otlp/otlp-types.js'
import type { TraceChunk } from './trace-chunk.js'

/** A `resources` or `scopes` row: its JSON text and the id derived from it (see content-id.ts). */
export interface ContentRow {
  id: number
  json: string
}

export interface Operation {
  /** derived from the other three (operation-id.ts); span index entries refer to it */
  id: number
  serviceName: string
  spanName: string
  kind: number
}

/**
 * One export request, decoded, validated and encoded into rows, ready to be
 * committed. Plain data (no classes), so it crosses from an ingest worker
 * to the main thread as a structured clone.
 */
export interface EncodedBatch {
  traces: TraceChunk[]
  resources: ContentRow[]
  scopes: ContentRow[]
  operations: Operation[]
  rejected: RejectedSpan[]
}

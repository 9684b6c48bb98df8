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

/** What a batch holds besides its traces' chunks. */
export interface BatchRows {
  resources: ContentRow[]
  scopes: ContentRow[]
  operations: Operation[]
  rejected: RejectedSpan[]
}

/**
 * One export request, decoded, validated and encoded into rows, ready to be
 * committed (see packed-batch.ts for the form it takes to leave a worker).
 */
export interface EncodedBatch extends BatchRows {
  traces: TraceChunk[]
}

/** A batch as the writer takes it: its chunks may be made as they are read (unpackTraces). */
export interface WritableBatch extends BatchRows {
  traces: Iterable<TraceChunk>
}

/** A batch as an encoder hands it over to be committed. */
export interface CommitBatch extends WritableBatch {
  traceCount: number
}

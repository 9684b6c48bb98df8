import type { ResolvedTraceStoreOptions } from '../config.js'
import type { EncodedBatch } from '../ingest/encoded-batch.js'
import type { OtlpEncoding } from '../otlp/otlp-response.js'
import type { TraceQueries } from '../query/trace-queries.js'
import type { RollbarStore } from '../rollbar/rollbar-store.js'

/** What the routes need from a running store. */
export interface StoreContext {
  options: ResolvedTraceStoreOptions
  /** decodes, validates and encodes a request body (off the main thread when ingest workers are on); rejects with OtlpRequestError */
  encodeBatch(encoding: OtlpEncoding, body: Buffer): Promise<EncodedBatch>
  /** commits a batch in one transaction (throws when nothing could be committed) and applies the span limit */
  ingestBatch(batch: EncodedBatch): number
  queries: TraceQueries
  rollbar: RollbarStore
}

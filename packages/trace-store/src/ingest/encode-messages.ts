import type { OtlpEncoding } from '../otlp/otlp-response.js'
import type { PackedBatch } from './packed-batch.js'

/** main thread → ingest worker */
export interface EncodeJob {
  jobId: number
  encoding: OtlpEncoding
  body: Uint8Array
}

/** ingest worker → main thread */
export type EncodeResult = { jobId: number; packed: PackedBatch } | { jobId: number; error: { message: string; isRequestError: boolean } }

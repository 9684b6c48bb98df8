import type { OtlpEncoding } from '../otlp/otlp-response.js'
import type { EncodedBatch } from './encoded-batch.js'

/** main thread → ingest worker */
export interface EncodeJob {
  jobId: number
  encoding: OtlpEncoding
  body: Uint8Array
}

/** ingest worker → main thread */
export type EncodeResult = { jobId: number; batch: EncodedBatch } | { jobId: number; error: { message: string; isRequestError: boolean } }

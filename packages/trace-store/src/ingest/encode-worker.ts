// An ingest worker: decodes and encodes export requests off the main thread,
// which is left with HTTP and the SQLite commit (see batch-encoder.ts).
import { parentPort } from 'node:worker_threads'
import { OtlpRequestError } from '../otlp/otlp-request-error.js'
import { encodeBatch } from './encode-batch.js'
import type { EncodeJob, EncodeResult } from './encode-messages.js'
import { packBatchBytes } from './pack-batch-bytes.js'
import { createHeapTrimmer } from './worker-heap.js'

const trimHeap = createHeapTrimmer()

parentPort!.on('message', (job: EncodeJob) => {
  let result: EncodeResult
  const transfer: ArrayBuffer[] = []
  try {
    const batch = encodeBatch(job.encoding, job.body)
    transfer.push(packBatchBytes(batch))
    result = { jobId: job.jobId, batch }
  } catch (error) {
    result = { jobId: job.jobId, error: { message: (error as Error).message, isRequestError: error instanceof OtlpRequestError } }
  }
  parentPort!.postMessage(result, transfer)
  trimHeap()
})

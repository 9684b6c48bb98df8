// An ingest worker: decodes and encodes export requests off the main thread,
// which is left with HTTP and the SQLite commit (see batch-encoder.ts).
import { parentPort } from 'node:worker_threads'
import { OtlpRequestError } from '../otlp/otlp-request-error.js'
import { encodePackedBatch } from './encode-batch.js'
import type { EncodeJob, EncodeResult } from './encode-messages.js'
import { createHeapTrimmer } from './worker-heap.js'

const trimHeap = createHeapTrimmer()

parentPort!.on('message', (job: EncodeJob) => {
  parentPort!.postMessage(...encode(job))
  // after this handler: while it runs, the batch it posted is still alive
  setImmediate(trimHeap)
})

function encode(job: EncodeJob): [EncodeResult, ArrayBuffer[]] {
  try {
    const packed = encodePackedBatch(job.encoding, job.body)
    return [{ jobId: job.jobId, packed }, packed.blocks.map((block) => block.buffer as ArrayBuffer)]
  } catch (error) {
    return [{ jobId: job.jobId, error: { message: (error as Error).message, isRequestError: error instanceof OtlpRequestError } }, []]
  }
}

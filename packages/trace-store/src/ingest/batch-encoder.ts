import { Worker } from 'node:worker_threads'
import { OtlpRequestError } from '../otlp/otlp-request-error.js'
import type { OtlpEncoding } from '../otlp/otlp-response.js'
import { encodeBatch } from './encode-batch.js'
import type { CommitBatch } from './encoded-batch.js'
import type { EncodeJob, EncodeResult } from './encode-messages.js'
import { unpackTraces, type PackedBatch } from './packed-batch.js'
import { workerScript, type WorkerScript } from './worker-script.js'

/** Turns request bodies into encoded batches, on the main thread or on ingest workers. */
export interface BatchEncoder {
  /** rejects with OtlpRequestError when the request is malformed */
  encode(encoding: OtlpEncoding, body: Buffer): Promise<CommitBatch>
  close(): Promise<void>
}

/**
 * `workerCount` 0 encodes on the main thread. Otherwise decoding, validation
 * and compression — most of an ingest's CPU time — run on that many worker
 * threads, so ingest uses more than one core and the main thread stays free
 * to answer queries.
 */
export function createBatchEncoder(workerCount: number): BatchEncoder {
  if (workerCount === 0) {
    return {
      encode: (encoding, body) =>
        new Promise((resolve) => {
          const batch = encodeBatch(encoding, body)
          resolve({ ...batch, traceCount: batch.traces.length })
        }),
      close: () => Promise.resolve(),
    }
  }
  return new WorkerPoolEncoder(workerCount)
}

// Encoding a 512-span batch allocates tens of MiB of short-lived objects; with
// V8's default young generation, much of a batch's working set is promoted and
// collected by full GCs (a third of a worker's time). A young generation of
// 16 MiB, with records encoded in windows (encode-batch.ts) and the heap trimmed
// after large batches (worker-heap.ts), ingests as fast as 96 MiB did, and each
// worker commits 80 MiB less when busy (`pnpm bench:store`).
const YOUNG_GENERATION_MB = 16

interface PendingJob {
  resolve(batch: CommitBatch): void
  reject(error: Error): void
}

class PoolWorker {
  readonly pending = new Map<number, PendingJob>()
  readonly worker: Worker

  constructor(script: WorkerScript, onExit: (poolWorker: PoolWorker) => void) {
    this.worker = new Worker(script.entry, { eval: script.eval, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } })
    this.worker.unref()
    this.worker.on('message', (result: EncodeResult) => this.settle(result))
    const failAll = (reason: string) => {
      for (const job of this.pending.values()) job.reject(new Error(`ingest worker stopped: ${reason}`))
      this.pending.clear()
    }
    this.worker.on('error', (error) => failAll(error.message))
    this.worker.on('exit', (code) => {
      failAll(`exit code ${code}`)
      onExit(this)
    })
  }

  private settle(result: EncodeResult): void {
    const job = this.pending.get(result.jobId)
    if (!job) return
    this.pending.delete(result.jobId)
    if ('packed' in result) job.resolve(commitBatchOf(result.packed))
    else job.reject(result.error.isRequestError ? new OtlpRequestError(result.error.message) : new Error(result.error.message))
  }
}

class WorkerPoolEncoder implements BatchEncoder {
  private readonly script = ingestWorkerScript()
  private readonly workers: PoolWorker[] = []
  private nextJobId = 1
  private closed = false

  constructor(workerCount: number) {
    for (let index = 0; index < workerCount; index += 1) this.workers.push(this.startWorker())
  }

  encode(encoding: OtlpEncoding, body: Buffer): Promise<CommitBatch> {
    if (this.closed) return Promise.reject(new Error('the batch encoder is closed'))
    const poolWorker =
      this.workers[
        chooseWorker(
          this.workers.map((candidate) => candidate.pending.size),
          body.byteLength,
        )
      ]!
    const jobId = this.nextJobId++
    // A body that owns its whole ArrayBuffer moves to the worker without a copy.
    const ownsBuffer = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength
    const bytes = ownsBuffer ? body : new Uint8Array(body)
    const job: EncodeJob = { jobId, encoding, body: bytes }
    return new Promise<CommitBatch>((resolve, reject) => {
      poolWorker.pending.set(jobId, { resolve, reject })
      poolWorker.worker.postMessage(job, [bytes.buffer as ArrayBuffer])
    })
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.workers.map((poolWorker) => poolWorker.worker.terminate()))
  }

  private startWorker(): PoolWorker {
    return new PoolWorker(this.script, (stopped) => {
      if (this.closed) return
      // A worker that died (out of memory, a bug) is replaced; its jobs were answered with an error.
      const index = this.workers.indexOf(stopped)
      if (index >= 0) this.workers[index] = this.startWorker()
    })
  }
}

/**
 * Bodies from this size on (a Collector batch of thousands of traces is 1–3 MiB) are encoded by the first worker,
 * one after another. Their commit on the main thread is what limits them, so a second worker encoding another one
 * at the same time gained no throughput on two cores, and it doubled the memory an ingest takes (`pnpm bench:store`:
 * 8,192-trace JSON batches from 4 clients, ~110 MB above idle with both workers, ~70 with one).
 */
export const LARGE_BODY_BYTES = 1024 * 1024

/** The worker for a job: the first for a large body, otherwise the one with the fewest jobs waiting. */
export function chooseWorker(pendingJobs: number[], bodyBytes: number): number {
  if (bodyBytes >= LARGE_BODY_BYTES) return 0
  return pendingJobs.reduce((idlest, count, index) => (count < pendingJobs[idlest]! ? index : idlest), 0)
}

function commitBatchOf(packed: PackedBatch): CommitBatch {
  const { resources, scopes, operations, rejected, traceCount } = packed
  return { resources, scopes, operations, rejected, traceCount, traces: { [Symbol.iterator]: () => unpackTraces(packed) } }
}

/** The ingest worker's script: `encode-worker` next to this file (see workerScript). */
export function ingestWorkerScript(): WorkerScript {
  return workerScript('encode-worker', import.meta.url)
}

import v8 from 'node:v8'
import vm from 'node:vm'

/** Above this much heap in use after a job, an ingest worker collects its garbage before taking the next one. */
export const WORKER_HEAP_LIMIT_BYTES = 32 * 1024 * 1024

/**
 * Keeps an ingest worker's heap near what one batch needs. A batch's records
 * and chunks live through many young-generation collections, so V8 promotes
 * them; once the batch is posted they are old-generation garbage, which V8
 * lets grow to several times what is live before it collects. With two
 * workers taking turns on 8,192-trace batches that was over 100 MB of RSS
 * (`pnpm bench:store`). Collecting after a large batch, while the worker
 * would wait for its next job anyway, costs a few milliseconds.
 */
export function createHeapTrimmer(
  limitBytes = WORKER_HEAP_LIMIT_BYTES,
  usedBytes = () => v8.getHeapStatistics().used_heap_size,
  collect: () => void = exposedGc(),
): () => void {
  return () => {
    if (usedBytes() > limitBytes) collect()
  }
}

/** V8's gc(), reached without starting the process with --expose-gc: the flag applies to contexts made after it is set. */
function exposedGc(): () => void {
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc') as () => void
}

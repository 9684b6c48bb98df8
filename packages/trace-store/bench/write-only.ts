import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { encodeBatch } from '../src/ingest/encode-batch.js'
import type { OtlpEncoding } from '../src/otlp/otlp-response.js'
import { openDatabase } from '../src/store/open-database.js'
import { SpanWriter } from '../src/store/span-writer.js'

/**
 * Milliseconds per batch that the store's commit alone takes: the batches are
 * encoded first, untimed, then written to a fresh file database (WAL) as the
 * store writes them. SQLite has one writer, so no number of cores or clients
 * makes ingest faster than this.
 */
export function writeOnlyMsPerBatch(encoding: OtlpEncoding, bodies: Uint8Array[], warmUpCount: number): number {
  const directory = mkdtempSync(path.join(tmpdir(), 'spanlight-bench-write-'))
  const db = openDatabase(path.join(directory, 'write-only.db'))
  try {
    const writer = new SpanWriter(db)
    const batches = bodies.map((body) => encodeBatch(encoding, body))
    for (const batch of batches.slice(0, warmUpCount)) writer.writeBatch(batch)
    const measured = batches.slice(warmUpCount)
    const startedAt = performance.now()
    for (const batch of measured) writer.writeBatch(batch)
    return (performance.now() - startedAt) / measured.length
  } finally {
    db.close()
    rmSync(directory, { recursive: true, force: true })
  }
}

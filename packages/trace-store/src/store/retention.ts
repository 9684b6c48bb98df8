import { SEGMENT_ID_BITS } from './digest-filter.js'
import type { SqliteDatabase } from './open-database.js'
import { ReferenceCounts, releaseReferences } from './reference-counts.js'

export interface RetentionLimits {
  /** traces whose newest span ended longer ago than this are deleted; 0 keeps them forever */
  maxAgeMs: number
  /** when more spans than this are stored, the oldest traces are deleted; 0 means no limit */
  maxSpans: number
}

export interface PruneResult {
  deletedTraces: number
  deletedSpans: number
}

const PRUNE_BATCH_SIZE = 500
// Pruning by count goes a little below the limit so it does not run on every batch.
const SPAN_LIMIT_LOW_WATER = 0.9

/**
 * Deletes whole traces, oldest first, by age and by the total number of stored spans, and with them the resources,
 * scopes and operations no stored span refers to any more.
 */
export class Retention {
  private storedSpanCount: number
  private readonly selectExpired
  private readonly selectOldest
  private readonly deleteTrace: (traceId: string, released: ReferenceCounts) => void

  constructor(
    db: SqliteDatabase,
    private readonly limits: RetentionLimits,
    /** told the ids of the traces each prune deleted (the query index deletes them too) */
    private readonly onTracesDeleted: (traceIds: string[]) => void = () => undefined,
  ) {
    this.storedSpanCount = Number(db.prepare('SELECT COALESCE(SUM(span_count), 0) FROM traces').pluck().get())
    this.selectExpired = db.prepare(
      `SELECT trace_id, span_count FROM traces WHERE start_ns < @cutoff AND end_ns < @cutoff
       ORDER BY start_ns, trace_id LIMIT ${PRUNE_BATCH_SIZE}`,
    )
    this.selectOldest = db.prepare(`SELECT trace_id, span_count FROM traces ORDER BY start_ns, trace_id LIMIT ${PRUNE_BATCH_SIZE}`)
    const selectIndexes = db.prepare('SELECT span_index FROM span_chunks WHERE trace_id = ?').pluck()
    const deleteSpans = db.prepare('DELETE FROM span_chunks WHERE trace_id = ?')
    const deleteSummary = db.prepare('DELETE FROM traces WHERE trace_id = ?')
    const release = releaseReferences(db)
    this.deleteTrace = (traceId, released) => {
      for (const index of selectIndexes.all(traceId) as string[]) released.addIndex(index)
      deleteSpans.run(traceId)
      deleteSummary.run(traceId)
    }
    // filters of segments with no chunk left go too (a filter of a partly pruned segment only claims more than it holds)
    const deleteEmptyFilters = db.prepare(
      `DELETE FROM digest_filters WHERE NOT EXISTS (SELECT 1 FROM span_chunks) OR segment < (SELECT MIN(id) FROM span_chunks) >> ${SEGMENT_ID_BITS}`,
    )
    this.deleteTraces = db.transaction((rows: { trace_id: string; span_count: number }[]) => {
      const released = new ReferenceCounts()
      for (const row of rows) this.deleteTrace(row.trace_id, released)
      release(released)
      deleteEmptyFilters.run()
    })
  }

  private readonly deleteTraces: (rows: { trace_id: string; span_count: number }[]) => void

  get spanCount(): number {
    return this.storedSpanCount
  }

  recordInserted(spanCount: number): void {
    this.storedSpanCount += spanCount
  }

  isOverSpanLimit(): boolean {
    return this.limits.maxSpans > 0 && this.storedSpanCount > this.limits.maxSpans
  }

  prune(nowMs: number = Date.now()): PruneResult {
    const result: PruneResult = { deletedTraces: 0, deletedSpans: 0 }
    if (this.limits.maxAgeMs > 0) {
      const cutoff = BigInt(Math.max(0, nowMs - this.limits.maxAgeMs)) * 1_000_000n
      for (;;) {
        const rows = this.selectExpired.all({ cutoff }) as { trace_id: string; span_count: number }[]
        if (rows.length === 0) break
        this.deleteRows(rows, result)
      }
    }
    if (this.isOverSpanLimit()) {
      const target = Math.floor(this.limits.maxSpans * SPAN_LIMIT_LOW_WATER)
      while (this.storedSpanCount > target) {
        const rows = this.selectOldest.all() as { trace_id: string; span_count: number }[]
        if (rows.length === 0) break
        const chosen: typeof rows = []
        let remaining = this.storedSpanCount
        for (const row of rows) {
          if (remaining <= target) break
          chosen.push(row)
          remaining -= row.span_count
        }
        this.deleteRows(chosen, result)
      }
    }
    return result
  }

  private deleteRows(rows: { trace_id: string; span_count: number }[], result: PruneResult): void {
    this.deleteTraces(rows)
    this.onTracesDeleted(rows.map((row) => row.trace_id))
    for (const row of rows) {
      result.deletedTraces += 1
      result.deletedSpans += row.span_count
      this.storedSpanCount -= row.span_count
    }
  }
}

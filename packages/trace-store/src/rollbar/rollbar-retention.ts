import type { SqliteDatabase } from '../store/open-database.js'

export interface RollbarRetentionLimits {
  /** occurrences whose timestamp is older than this are deleted; 0 keeps them forever */
  maxAgeMs: number
  /** when more occurrences than this are stored, the earliest received are deleted; 0 means no limit */
  maxOccurrences: number
}

export interface RollbarPruneResult {
  deletedOccurrences: number
  deletedItems: number
}

// As for spans: pruning by count goes a little below the limit so it does not run on every report.
const OCCURRENCE_LIMIT_LOW_WATER = 0.9

/**
 * Rollbar's rule, and Sentry's: occurrences (events) are kept for a while and
 * an item (issue) lives as long as it has one. Occurrences go by age and,
 * above the count limit, earliest received first; an item with none left goes
 * with them. An item that is still kept keeps its counters (total occurrences,
 * first and last seen) for every occurrence it ever had, as Rollbar's do.
 */
export class RollbarRetention {
  private storedCount: number
  private readonly deleteOlderThan
  private readonly deleteUpToId
  private readonly selectNthOldestId
  private readonly deleteEmptyItems
  private readonly pruneInTransaction: (nowMs: number) => RollbarPruneResult

  constructor(
    db: SqliteDatabase,
    private readonly limits: RollbarRetentionLimits,
  ) {
    this.storedCount = Number(db.prepare('SELECT count(*) FROM rollbar_occurrences').pluck().get())
    this.deleteOlderThan = db.prepare('DELETE FROM rollbar_occurrences WHERE timestamp < ?')
    this.deleteUpToId = db.prepare('DELETE FROM rollbar_occurrences WHERE id <= ?')
    this.selectNthOldestId = db.prepare('SELECT id FROM rollbar_occurrences ORDER BY id LIMIT 1 OFFSET ?').pluck()
    this.deleteEmptyItems = db.prepare(
      'DELETE FROM rollbar_items WHERE NOT EXISTS (SELECT 1 FROM rollbar_occurrences WHERE rollbar_occurrences.item_id = rollbar_items.id)',
    )
    this.pruneInTransaction = db.transaction((nowMs: number) => this.deleteExpired(nowMs))
  }

  recordInserted(): void {
    this.storedCount += 1
  }

  isOverLimit(): boolean {
    return this.limits.maxOccurrences > 0 && this.storedCount > this.limits.maxOccurrences
  }

  prune(nowMs: number = Date.now()): RollbarPruneResult {
    return this.pruneInTransaction(nowMs)
  }

  private deleteExpired(nowMs: number): RollbarPruneResult {
    let deletedOccurrences = 0
    if (this.limits.maxAgeMs > 0) {
      const cutoffSec = Math.floor((nowMs - this.limits.maxAgeMs) / 1000)
      deletedOccurrences += this.deleteOlderThan.run(cutoffSec).changes
    }
    this.storedCount -= deletedOccurrences
    if (this.isOverLimit()) {
      const excess = this.storedCount - Math.floor(this.limits.maxOccurrences * OCCURRENCE_LIMIT_LOW_WATER)
      const lastDeletedId = this.selectNthOldestId.get(excess - 1) as number
      const deleted = this.deleteUpToId.run(lastDeletedId).changes
      deletedOccurrences += deleted
      this.storedCount -= deleted
    }
    const deletedItems = deletedOccurrences > 0 ? this.deleteEmptyItems.run().changes : 0
    return { deletedOccurrences, deletedItems }
  }
}

import type { SqliteDatabase } from './open-database.js'

/** The tables whose rows stored spans refer to by id, from their span index entries (span-chunk-codec.ts). */
const REFERENCED_TABLES = ['resources', 'scopes', 'operations'] as const
type ReferencedTable = (typeof REFERENCED_TABLES)[number]

// positions in a `spanId:start:end:resourceId:scopeId:from:to:operationId` index entry
const FIELD_OF_TABLE: Record<ReferencedTable, number> = { resources: 3, scopes: 4, operations: 7 }

/** How many spans of some chunks refer to each resource, scope and operation row. */
export class ReferenceCounts {
  readonly byTable: Record<ReferencedTable, Map<number, number>> = { resources: new Map(), scopes: new Map(), operations: new Map() }

  /** Counts the references of one chunk's spans, from its span index. */
  addIndex(index: string): void {
    for (const entry of index.split(',')) {
      const fields = entry.split(':')
      for (const table of REFERENCED_TABLES) {
        const id = Number(fields[FIELD_OF_TABLE[table]])
        const counts = this.byTable[table]
        counts.set(id, (counts.get(id) ?? 0) + 1)
      }
    }
  }
}

/**
 * Takes the spans of deleted chunks off the rows they referred to, and deletes
 * the rows no stored span refers to any more: resources, scopes and operations
 * then stay as bounded as the spans (and `/api/operations` lists only names
 * some stored span has).
 */
export function releaseReferences(db: SqliteDatabase): (released: ReferenceCounts) => void {
  const statements = REFERENCED_TABLES.map((table) => ({
    table,
    subtract: db.prepare(`UPDATE ${table} SET span_count = span_count - ? WHERE id = ?`),
    deleteUnused: db.prepare(`DELETE FROM ${table} WHERE id = ? AND span_count <= 0`),
  }))
  return (released) => {
    for (const { table, subtract, deleteUnused } of statements) {
      for (const [id, spanCount] of released.byTable[table]) {
        subtract.run(spanCount, id)
        deleteUnused.run(id)
      }
    }
  }
}

import type { SqliteDatabase } from './open-database.js'

/** The most queries kept: a list meant to be read by people, and a bound on what a client can make the store hold. */
export const MAX_SAVED_QUERIES = 1000

export interface SavedQuery {
  id: number
  name: string
  /** the Honeycomb query spec as saved (validated before) */
  query: unknown
  createdAtMs: number
}

interface SavedQueryRow {
  id: number
  name: string
  query: string
  created_at_ms: number
}

const toSavedQuery = (row: SavedQueryRow): SavedQuery => ({
  id: row.id,
  name: row.name,
  query: JSON.parse(row.query) as unknown,
  createdAtMs: row.created_at_ms,
})

/** Queries saved with a name, newest first, as X-Ray keeps groups: shared by everyone who reads this store. */
export class SavedQueries {
  private readonly selectAll
  private readonly countAll
  private readonly insert
  private readonly deleteById

  constructor(db: SqliteDatabase) {
    this.selectAll = db.prepare('SELECT id, name, query, created_at_ms FROM saved_queries ORDER BY id DESC')
    this.countAll = db.prepare('SELECT count(*) FROM saved_queries').pluck()
    this.insert = db.prepare('INSERT INTO saved_queries (name, query, created_at_ms) VALUES (?, ?, ?) RETURNING id, name, query, created_at_ms')
    this.deleteById = db.prepare('DELETE FROM saved_queries WHERE id = ?')
  }

  list(): SavedQuery[] {
    return (this.selectAll.all() as SavedQueryRow[]).map(toSavedQuery)
  }

  /** null when MAX_SAVED_QUERIES are saved already */
  save(name: string, query: unknown, nowMs: number): SavedQuery | null {
    if (Number(this.countAll.get()) >= MAX_SAVED_QUERIES) return null
    return toSavedQuery(this.insert.get(name, JSON.stringify(query), nowMs) as SavedQueryRow)
  }

  /** false when no query has the id */
  delete(id: number): boolean {
    return this.deleteById.run(id).changes > 0
  }
}

import type { SqliteDatabase } from '../store/open-database.js'

/**
 * Uploaded maps kept in all. Each upload is at most the upload limit (20 MiB), so a deploy's maps always fit; past
 * this, the least recently uploaded maps go first, as a build's maps are worth least once newer builds are out.
 */
export const DEFAULT_MAX_SOURCE_MAP_BYTES = 256 * 1024 * 1024

/** A stored map, by its row id: a re-upload gets a new id, so anything cached under the old one is never used again. */
export interface StoredSourceMapRef {
  id: number
}

export interface SaveSourceMapResult {
  id: number
  /** a map for the same version and minified URL was there before */
  replaced: boolean
  /** maps deleted to stay under the byte limit */
  deletedMaps: number
}

/** Source maps uploaded through Rollbar's API, keyed by code version and minified URL (table rollbar_source_maps). */
export class SourceMapStore {
  private readonly selectId
  private readonly selectText
  private readonly deleteExisting
  private readonly insertMap
  private readonly deleteBeyondBytes
  private readonly saveInTransaction: (version: string, minifiedUrl: string, mapText: string) => SaveSourceMapResult

  constructor(
    db: SqliteDatabase,
    private readonly maxTotalBytes: number = DEFAULT_MAX_SOURCE_MAP_BYTES,
  ) {
    this.selectId = db.prepare('SELECT id FROM rollbar_source_maps WHERE version = ? AND minified_url = ?').pluck()
    this.selectText = db.prepare('SELECT map FROM rollbar_source_maps WHERE id = ?').pluck()
    this.deleteExisting = db.prepare('DELETE FROM rollbar_source_maps WHERE version = ? AND minified_url = ?')
    this.insertMap = db.prepare('INSERT INTO rollbar_source_maps (version, minified_url, map, size_bytes, uploaded_at_ms) VALUES (?, ?, ?, ?, ?)')
    // newest first (ids only grow): every map past the point where the running total passes the limit goes
    this.deleteBeyondBytes = db.prepare(`DELETE FROM rollbar_source_maps WHERE id IN (
      SELECT id FROM (SELECT id, sum(size_bytes) OVER (ORDER BY id DESC) AS running_bytes FROM rollbar_source_maps)
      WHERE running_bytes > ?)`)
    this.saveInTransaction = db.transaction((version: string, minifiedUrl: string, mapText: string) => {
      const replaced = this.deleteExisting.run(version, minifiedUrl).changes > 0
      const inserted = this.insertMap.run(version, minifiedUrl, mapText, Buffer.byteLength(mapText), Date.now())
      const deletedMaps = this.deleteBeyondBytes.run(this.maxTotalBytes).changes
      return { id: Number(inserted.lastInsertRowid), replaced, deletedMaps }
    })
  }

  /** Stores a map (already validated) for a version and minified URL, replacing the one that was there. */
  save(version: string, minifiedUrl: string, mapText: string): SaveSourceMapResult {
    return this.saveInTransaction(version, minifiedUrl, mapText)
  }

  find(version: string, minifiedUrl: string): StoredSourceMapRef | undefined {
    const id = this.selectId.get(version, minifiedUrl) as number | undefined
    return id === undefined ? undefined : { id }
  }

  /** The map text of a stored map; undefined when it was replaced or deleted since it was found. */
  text(ref: StoredSourceMapRef): string | undefined {
    return this.selectText.get(ref.id) as string | undefined
  }
}

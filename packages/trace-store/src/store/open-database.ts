import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js'
import { upgradeSchema } from './schema-upgrades.js'

export const IN_MEMORY = ':memory:'

export type SqliteDatabase = Database.Database

/** Opens (creating when needed) the store's SQLite file in WAL mode and applies the schema. */
export function openDatabase(file: string): SqliteDatabase {
  if (file !== IN_MEMORY) mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const db = new Database(file)
  // A span chunk row (a trace's spans of one batch: span text, outlines, index,
  // digest) is several KiB. With 16 KiB pages, rows of just over 8 KiB left half
  // of every page empty; 64 KiB pages pack them with little waste, and the few
  // rows larger than a page spill into overflow pages. (Takes effect only on a new database.)
  db.pragma('page_size = 65536')
  db.pragma('journal_mode = WAL')
  // NORMAL is durable across a crash of this process in WAL mode; only a power
  // loss can lose the last transactions, which is the usual trade for a local store.
  db.pragma('synchronous = NORMAL')
  // 16 MiB of page cache: the OS caches the file too, and every MiB here is resident for good
  // once a few large batches have passed through (it was 64 MiB, part of the memory target, issue 12).
  db.pragma('cache_size = -16384')
  db.pragma('foreign_keys = OFF')
  // Another process on the same file (a second store, the sqlite3 shell) makes a writer wait, not fail.
  db.pragma('busy_timeout = 5000')
  const version = Number(db.pragma('user_version', { simple: true }))
  const isNew = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() === 0
  if (!isNew && version !== SCHEMA_VERSION && !upgradeSchema(db, version, SCHEMA_VERSION)) {
    db.close()
    throw new Error(
      `${file} was written by another version of the Spanlight store (schema ${version}, this one reads ${SCHEMA_VERSION}); move it away or use another --db`,
    )
  }
  db.exec(SCHEMA_SQL)
  db.pragma(`user_version = ${SCHEMA_VERSION}`)
  return db
}

import type Database from 'better-sqlite3'

/**
 * A JSON string at `path` of the row's `data`; null for any other JSON type (json_extract alone would hand back
 * numbers, and objects as their JSON text).
 */
function jsonText(json: string, path: string): string {
  return `CASE WHEN json_type(${json}, '${path}') = 'text' THEN json_extract(${json}, '${path}') END`
}

/** `value` as a lower-case hex id of `length` digits, not all zeros; null otherwise (occurrence-links.ts `hexIdOf`). */
function hexId(value: string, length: number): string {
  return `CASE WHEN length(${value}) = ${length} AND lower(${value}) NOT GLOB '*[^0-9a-f]*' AND ltrim(${value}, '0') <> '' THEN lower(${value}) END`
}

/** `value` when it is 1 to 256 printable ASCII characters; null otherwise (occurrence-links.ts `sessionIdOf`). */
function sessionId(value: string): string {
  return `CASE WHEN length(${value}) BETWEEN 1 AND 256 AND ${value} NOT GLOB '*[^!-~]*' THEN ${value} END`
}

/** The value of the last `data.attributes` entry whose key is `key` (rollbar.js's tracing writes them; later ones win). */
function lastAttribute(key: string): string {
  const entry = `(SELECT entry.value FROM json_each(data, '$.attributes') AS entry
    WHERE entry.type = 'object' AND json_type(entry.value, '$.key') = 'text' AND json_extract(entry.value, '$.key') = '${key}'
    ORDER BY entry.key DESC LIMIT 1)`
  return jsonText(entry, '$.value')
}

/**
 * Version 7 → 8: occurrences get their trace, span and session id columns, filled from the stored payloads by the
 * rules the store records new ones with (custom first, then attributes); items get `last_resolved_timestamp`.
 */
function upgradeFrom7(db: Database.Database): void {
  db.exec(`
    ALTER TABLE rollbar_items ADD COLUMN last_resolved_timestamp INTEGER;
    ALTER TABLE rollbar_occurrences ADD COLUMN trace_id TEXT;
    ALTER TABLE rollbar_occurrences ADD COLUMN span_id TEXT;
    ALTER TABLE rollbar_occurrences ADD COLUMN session_id TEXT;
    UPDATE rollbar_occurrences SET
      trace_id = ${hexId(jsonText('data', '$.custom.trace_id'), 32)},
      span_id = ${hexId(jsonText('data', '$.custom.span_id'), 16)},
      session_id = ${sessionId(jsonText('data', '$.custom.session_id'))}
      WHERE json_type(data, '$.custom') = 'object';
    UPDATE rollbar_occurrences SET
      trace_id = coalesce(trace_id, ${hexId(lastAttribute('trace_id'), 32)}),
      span_id = coalesce(span_id, ${hexId(lastAttribute('span_id'), 16)}),
      session_id = coalesce(session_id, ${sessionId(lastAttribute('session_id'))})
      WHERE json_type(data, '$.attributes') = 'array';
  `)
}

/** How to bring a file of an older schema version to the next one; versions missing here are refused. */
const UPGRADES: Record<number, (db: Database.Database) => void> = { 7: upgradeFrom7 }

/**
 * Upgrades a database written with an older schema version to `targetVersion`, one version at a time in a single
 * transaction; returns false (changing nothing) when there is no path from `version`.
 */
export function upgradeSchema(db: Database.Database, version: number, targetVersion: number): boolean {
  for (let step = version; step < targetVersion; step += 1) if (!UPGRADES[step]) return false
  if (version >= targetVersion) return false
  db.transaction(() => {
    for (let step = version; step < targetVersion; step += 1) UPGRADES[step]!(db)
    // in the same transaction: a crash can leave the file upgraded or not, never upgraded and marked as older
    db.pragma(`user_version = ${targetVersion}`)
  })()
  return true
}

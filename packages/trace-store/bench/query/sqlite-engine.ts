import Database from 'better-sqlite3'
import { ATTRIBUTE_INDEX, ATTRIBUTE_KEYS, type SpanRow } from './span-rows.js'
import { HEATMAP_BUCKET_NS, MINUTE_NS, nearestRankIndex, OPERATION, RANGE, rankCompare, type CompareCount, type QueryId, type ResultRow } from './queries.js'

// Candidate A: a row projection in SQLite next to the store's chunks. One row per span with its
// intrinsic fields, one row per (attribute key, span): keyed by key first ('key-first': a GROUP BY or
// WHERE on one attribute reads only that key's rows, but each batch writes into every key's part of
// the tree) or by span first ('span-first': appended at the end, looked up per span). Percentiles by
// a JS aggregate (SQLite has none).

export type AttributeLayout = 'key-first' | 'span-first'

const schema = (layout: AttributeLayout) => `
CREATE TABLE span_rows (
  row_id INTEGER PRIMARY KEY,
  start_ns INTEGER NOT NULL,
  duration_ns INTEGER NOT NULL,
  trace_id BLOB NOT NULL,
  span_id BLOB NOT NULL,
  parent_span_id BLOB,
  service TEXT NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  status INTEGER NOT NULL,
  is_root INTEGER NOT NULL
);
CREATE INDEX span_rows_by_start ON span_rows (start_ns);
CREATE INDEX span_rows_by_operation ON span_rows (service, name, start_ns);
CREATE INDEX span_rows_by_status ON span_rows (status, start_ns);
CREATE TABLE attribute_keys (key_id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
CREATE TABLE span_attributes (
  key_id INTEGER NOT NULL,
  row_id INTEGER NOT NULL,
  text_value TEXT,
  number_value REAL,
  PRIMARY KEY (${layout === 'key-first' ? 'key_id, row_id' : 'row_id, key_id'})
) WITHOUT ROWID;
`

const QUANTILES = [
  ['p50', 0.5],
  ['p75', 0.75],
  ['p90', 0.9],
  ['p95', 0.95],
  ['p99', 0.99],
  ['p999', 0.999],
] as const

export class SqliteEngine {
  readonly db: Database.Database
  private readonly insertSpan: Database.Statement
  private readonly insertAttribute: Database.Statement
  private readonly insertBatch: (rows: SpanRow[]) => void

  constructor(file: string, layout: AttributeLayout) {
    this.db = new Database(file)
    // the store's settings (src/store/open-database.ts)
    this.db.pragma('page_size = 65536')
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('cache_size = -16384')
    this.db.exec(schema(layout))
    const insertKey = this.db.prepare('INSERT INTO attribute_keys (key_id, key) VALUES (?, ?)')
    for (const [index, [key]] of ATTRIBUTE_KEYS.entries()) insertKey.run(index, key)
    this.insertSpan = this.db.prepare(
      'INSERT INTO span_rows (row_id, start_ns, duration_ns, trace_id, span_id, parent_span_id, service, name, kind, status, is_root) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    this.insertAttribute = this.db.prepare('INSERT INTO span_attributes (key_id, row_id, text_value, number_value) VALUES (?, ?, ?, ?)')
    this.insertBatch = this.db.transaction((rows: SpanRow[]) => {
      for (const row of rows) {
        this.insertSpan.run(
          row.rowId,
          row.startNs,
          row.durationNs,
          Buffer.from(row.traceId, 'hex'),
          Buffer.from(row.spanId, 'hex'),
          row.parentSpanId === null ? null : Buffer.from(row.parentSpanId, 'hex'),
          row.service,
          row.name,
          row.kind,
          row.status,
          row.isRoot ? 1 : 0,
        )
        const attributes = row.attributes
        for (let keyId = 0; keyId < attributes.length; keyId += 1) {
          const value = attributes[keyId]
          if (value === undefined) continue
          if (typeof value === 'number') this.insertAttribute.run(keyId, row.rowId, null, value)
          else this.insertAttribute.run(keyId, row.rowId, value, null)
        }
      }
    })
    // p50 … p999 as Honeycomb names them: the nearest-rank value, what DuckDB's quantile_disc returns
    for (const [name, quantile] of QUANTILES) {
      this.db.aggregate<number[]>(name, {
        start: () => [],
        step: (values, value) => {
          values.push(value)
          return values
        },
        result: (values) => (values.length === 0 ? null : Float64Array.from(values).sort()[nearestRankIndex(values.length, quantile)]),
      })
    }
  }

  /** Inserts one ingest batch in its own transaction, as the store's commit would. */
  write(rows: SpanRow[]): void {
    this.insertBatch(rows)
  }

  private all(sql: string, params: Record<string, unknown>): ResultRow[] {
    return this.db.prepare(sql).all(params) as ResultRow[]
  }

  query(id: QueryId): ResultRow[] {
    const { lastHour, all } = RANGE
    switch (id) {
      case 'p95-by-result-length':
        return this.all(
          `SELECT a.number_value AS g, p95(r.duration_ns) / 1e6 AS p95_ms, count(*) AS n
           FROM span_rows r LEFT JOIN span_attributes a ON a.key_id = @key AND a.row_id = r.row_id
           WHERE r.service = @service AND r.name = @name AND r.start_ns >= @from AND r.start_ns < @to
           GROUP BY g ORDER BY g`,
          { key: ATTRIBUTE_INDEX.get('app.result_length'), ...OPERATION, ...lastHour },
        )
      case 'errors-by-route':
        return this.all(
          `SELECT a.text_value AS g, count(*) AS n
           FROM span_rows r LEFT JOIN span_attributes a ON a.key_id = @key AND a.row_id = r.row_id
           WHERE r.status = 2 AND r.start_ns >= @from AND r.start_ns < @to
           GROUP BY g ORDER BY n DESC, g`,
          { key: ATTRIBUTE_INDEX.get('http.route'), ...all },
        )
      case 'heatmap-1h':
        return this.all(
          `SELECT (start_ns - @from) / @minute AS minute, duration_ns / @bucket AS bucket, count(*) AS n
           FROM span_rows WHERE start_ns >= @from AND start_ns < @to
           GROUP BY minute, bucket ORDER BY minute, bucket`,
          { minute: MINUTE_NS, bucket: HEATMAP_BUCKET_NS, ...lastHour },
        )
      case 'group-by-3':
        return this.all(
          `SELECT r.service AS service, r.name AS name, a.text_value AS route, p95(r.duration_ns) / 1e6 AS p95_ms, count(*) AS n
           FROM span_rows r LEFT JOIN span_attributes a ON a.key_id = @key AND a.row_id = r.row_id
           WHERE r.start_ns >= @from AND r.start_ns < @to
           GROUP BY r.service, r.name, route ORDER BY n DESC, service, name, route LIMIT 1000`,
          { key: ATTRIBUTE_INDEX.get('http.route'), ...all },
        )
      case 'compare-slowest-5pct': {
        const [{ t }] = this.all('SELECT p95(duration_ns) AS t FROM span_rows WHERE start_ns >= @from AND start_ns < @to', all) as [{ t: number }]
        const [totals] = this.all(
          'SELECT sum(duration_ns >= @t) AS selected, sum(duration_ns < @t) AS baseline FROM span_rows WHERE start_ns >= @from AND start_ns < @to',
          { t, ...all },
        ) as [{ selected: number; baseline: number }]
        const counts = this.all(
          `SELECT k.key AS key, coalesce(a.text_value, a.number_value) AS value, sum(r.duration_ns >= @t) AS selected, sum(r.duration_ns < @t) AS baseline
           FROM span_attributes a JOIN span_rows r ON r.row_id = a.row_id JOIN attribute_keys k ON k.key_id = a.key_id
           WHERE r.start_ns >= @from AND r.start_ns < @to
           GROUP BY a.key_id, value`,
          { t, ...all },
        ).map(
          (row) => ({ key: String(row.key), value: String(row.value), selected: Number(row.selected), baseline: Number(row.baseline) }) satisfies CompareCount,
        )
        return rankCompare(counts, totals.selected, totals.baseline)
      }
      case 'count-by-service-1m':
        return this.all(
          `SELECT (start_ns - @from) / @minute AS minute, service, count(*) AS n
           FROM span_rows WHERE start_ns >= @from AND start_ns < @to
           GROUP BY minute, service ORDER BY minute, service`,
          { minute: MINUTE_NS, ...all },
        )
    }
  }

  close(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
  }
}

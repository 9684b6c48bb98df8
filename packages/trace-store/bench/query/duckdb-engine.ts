import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  UTINYINT,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api'
import { writeFileSync } from 'node:fs'
import { ATTRIBUTE_KEYS, type SpanRow } from './span-rows.js'
import { HEATMAP_BUCKET_NS, MINUTE_NS, OPERATION, RANGE, rankCompare, type CompareCount, type QueryId, type ResultRow } from './queries.js'

// Candidate B: DuckDB in-process, one wide table as Honeycomb keeps events: the intrinsic fields
// and one typed column per attribute key (a store would ALTER TABLE … ADD COLUMN on a new key),
// fed by the appender one ingest batch at a time. The same SQL runs on a Parquet export of it.

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`
const NUMBER_KEYS = new Set(ATTRIBUTE_KEYS.filter(([, type]) => type === 'number').map(([key]) => key))

const CREATE_TABLE = `CREATE TABLE spans (
  row_id BIGINT, start_ns BIGINT, duration_ns BIGINT, trace_id VARCHAR, span_id VARCHAR, parent_span_id VARCHAR,
  service VARCHAR, name VARCHAR, kind UTINYINT, status UTINYINT, is_root BOOLEAN,
  ${ATTRIBUTE_KEYS.map(([key, type]) => `${quote(key)} ${type === 'number' ? 'DOUBLE' : 'VARCHAR'}`).join(', ')}
)`

/** A number attribute as text, the same in every engine: 200, not 200.0. */
const COLUMN_TYPES = [
  BIGINT,
  BIGINT,
  BIGINT,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  VARCHAR,
  UTINYINT,
  UTINYINT,
  BOOLEAN,
  ...ATTRIBUTE_KEYS.map(([, type]) => (type === 'number' ? DOUBLE : VARCHAR)),
]

const JSON_COLUMNS = `{${[
  ['row_id', 'BIGINT'],
  ['start_ns', 'BIGINT'],
  ['duration_ns', 'BIGINT'],
  ['trace_id', 'VARCHAR'],
  ['span_id', 'VARCHAR'],
  ['parent_span_id', 'VARCHAR'],
  ['service', 'VARCHAR'],
  ['name', 'VARCHAR'],
  ['kind', 'UTINYINT'],
  ['status', 'UTINYINT'],
  ['is_root', 'BOOLEAN'],
  ...ATTRIBUTE_KEYS.map(([key, type]) => [key, type === 'number' ? 'DOUBLE' : 'VARCHAR']),
]
  .map(([name, type]) => `'${name}': '${type}'`)
  .join(', ')}}`

export function valueText(key: string, value: unknown): string {
  return NUMBER_KEYS.has(key) ? String(Number(value)) : String(value)
}

function plain(rows: Record<string, unknown>[]): ResultRow[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([name, value]) => [name, typeof value === 'bigint' ? Number(value) : (value as string | number | null)])),
  )
}

export class DuckDbEngine {
  private constructor(
    readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    private appender: DuckDBAppender | undefined,
  ) {}

  static async open(file: string, options: Record<string, string>): Promise<DuckDbEngine> {
    const instance = await DuckDBInstance.create(file, options)
    const connection = await instance.connect()
    return new DuckDbEngine(instance, connection, undefined)
  }

  async createTable(): Promise<void> {
    await this.connection.run(CREATE_TABLE)
    this.appender = await this.connection.createAppender('spans')
  }

  /** Appends one ingest batch value by value and flushes it, so the batch is queryable when the store would answer 200. */
  writeRows(rows: SpanRow[]): void {
    const appender = this.appender
    if (!appender) throw new Error('createTable first')
    for (const row of rows) {
      appender.appendBigInt(BigInt(row.rowId))
      appender.appendBigInt(row.startNs)
      appender.appendBigInt(row.durationNs)
      appender.appendVarchar(row.traceId)
      appender.appendVarchar(row.spanId)
      if (row.parentSpanId === null) appender.appendNull()
      else appender.appendVarchar(row.parentSpanId)
      appender.appendVarchar(row.service)
      appender.appendVarchar(row.name)
      appender.appendUTinyInt(row.kind)
      appender.appendUTinyInt(row.status)
      appender.appendBoolean(row.isRoot)
      for (const value of row.attributes) {
        if (value === undefined) appender.appendNull()
        else if (typeof value === 'number') appender.appendDouble(value)
        else appender.appendVarchar(value)
      }
      appender.endRow()
    }
    appender.flushSync()
  }

  /** The same, as one data chunk filled column by column (a batch is at most 2,048 rows, one chunk). */
  writeChunk(rows: SpanRow[]): void {
    const appender = this.appender
    if (!appender) throw new Error('createTable first')
    const columns: DuckDBValue[][] = [
      rows.map((row) => BigInt(row.rowId)),
      rows.map((row) => row.startNs),
      rows.map((row) => row.durationNs),
      rows.map((row) => row.traceId),
      rows.map((row) => row.spanId),
      rows.map((row) => row.parentSpanId),
      rows.map((row) => row.service),
      rows.map((row) => row.name),
      rows.map((row) => row.kind),
      rows.map((row) => row.status),
      rows.map((row) => row.isRoot),
      ...ATTRIBUTE_KEYS.map((_, index) => rows.map((row) => row.attributes[index] ?? null)),
    ]
    const chunk = DuckDBDataChunk.create(COLUMN_TYPES, rows.length)
    chunk.setColumns(columns)
    appender.appendDataChunk(chunk)
    appender.flushSync()
  }

  /**
   * The same through DuckDB's own reader: the batch as newline-delimited JSON in a file, read by
   * `read_json` with the columns given (no sampling), inserted in one statement.
   */
  async writeJson(rows: SpanRow[], file: string): Promise<void> {
    const lines = rows.map((row) => {
      const record: Record<string, unknown> = {
        row_id: row.rowId,
        start_ns: String(row.startNs),
        duration_ns: String(row.durationNs),
        trace_id: row.traceId,
        span_id: row.spanId,
        parent_span_id: row.parentSpanId,
        service: row.service,
        name: row.name,
        kind: row.kind,
        status: row.status,
        is_root: row.isRoot,
      }
      for (const [index, [key]] of ATTRIBUTE_KEYS.entries()) if (row.attributes[index] !== undefined) record[key] = row.attributes[index]
      return JSON.stringify(record)
    })
    writeFileSync(file, `${lines.join('\n')}\n`)
    this.appender?.flushSync()
    await this.connection.run(`INSERT INTO spans SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = ${JSON_COLUMNS})`)
  }

  async closeAppender(): Promise<void> {
    this.appender?.closeSync()
    this.appender = undefined
    await this.connection.run('CHECKPOINT')
  }

  async rows(sql: string): Promise<ResultRow[]> {
    return plain((await this.connection.runAndReadAll(sql)).getRowObjectsJS())
  }

  /** `table`: `spans`, or `read_parquet('…')` for the export. */
  async query(id: QueryId, table: string): Promise<ResultRow[]> {
    const { lastHour, all } = RANGE
    const inRange = (range: { from: bigint; to: bigint }) => `start_ns >= ${range.from} AND start_ns < ${range.to}`
    switch (id) {
      case 'p95-by-result-length':
        return this.rows(
          `SELECT "app.result_length" AS g, quantile_disc(duration_ns, 0.95) / 1e6 AS p95_ms, count(*) AS n FROM ${table}
           WHERE service = '${OPERATION.service}' AND name = '${OPERATION.name}' AND ${inRange(lastHour)}
           GROUP BY g ORDER BY g`,
        )
      case 'errors-by-route':
        return this.rows(`SELECT "http.route" AS g, count(*) AS n FROM ${table} WHERE status = 2 AND ${inRange(all)} GROUP BY g ORDER BY n DESC, g`)
      case 'heatmap-1h':
        return this.rows(
          `SELECT (start_ns - ${lastHour.from}) // ${MINUTE_NS} AS minute, duration_ns // ${HEATMAP_BUCKET_NS} AS bucket, count(*) AS n
           FROM ${table} WHERE ${inRange(lastHour)} GROUP BY minute, bucket ORDER BY minute, bucket`,
        )
      case 'group-by-3':
        return this.rows(
          `SELECT service, name, "http.route" AS route, quantile_disc(duration_ns, 0.95) / 1e6 AS p95_ms, count(*) AS n
           FROM ${table} WHERE ${inRange(all)}
           GROUP BY service, name, route ORDER BY n DESC, service, name, route LIMIT 1000`,
        )
      case 'compare-slowest-5pct': {
        const [{ t }] = (await this.rows(`SELECT quantile_disc(duration_ns, 0.95) AS t FROM ${table} WHERE ${inRange(all)}`)) as [{ t: number }]
        const [totals] = (await this.rows(
          `SELECT count(*) FILTER (WHERE duration_ns >= ${t}) AS selected, count(*) FILTER (WHERE duration_ns < ${t}) AS baseline
           FROM ${table} WHERE ${inRange(all)}`,
        )) as [{ selected: number; baseline: number }]
        // one scan, two groups (selection, rest), a histogram (value → count) per attribute key
        const histograms = await this.rows(
          `SELECT duration_ns >= ${t} AS sel, ${ATTRIBUTE_KEYS.map(([key], index) => `histogram(${quote(key)}) AS h${index}`).join(', ')}
           FROM ${table} WHERE ${inRange(all)} GROUP BY sel`,
        )
        const counts = new Map<string, CompareCount>()
        for (const row of histograms) {
          for (const [index, [key]] of ATTRIBUTE_KEYS.entries()) {
            for (const entry of (row[`h${index}`] ?? []) as unknown as Array<{ key: unknown; value: unknown }>) {
              const value = valueText(key, entry.key)
              const count = counts.get(`${key}\u0000${value}`) ?? { key, value, selected: 0, baseline: 0 }
              if (row.sel) count.selected += Number(entry.value)
              else count.baseline += Number(entry.value)
              counts.set(`${key}\u0000${value}`, count)
            }
          }
        }
        return rankCompare([...counts.values()], totals.selected, totals.baseline)
      }
      case 'count-by-service-1m':
        return this.rows(
          `SELECT (start_ns - ${all.from}) // ${MINUTE_NS} AS minute, service, count(*) AS n
           FROM ${table} WHERE ${inRange(all)} GROUP BY minute, service ORDER BY minute, service`,
        )
    }
  }

  close(): void {
    this.connection.closeSync()
    this.instance.closeSync()
  }
}

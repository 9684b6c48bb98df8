import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
  listValue,
  UTINYINT,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api'
import type { ColumnSql } from '../custom/column-sql.js'
import type { Statement } from '../custom/query-sql.js'
import type { ScalarType, SpanRow } from './span-rows.js'

// The query index: one wide DuckDB table of spans, as Honeycomb keeps events: the intrinsic fields, then one typed
// column per attribute key and value type, added when a key is first seen. A columnar engine reads only the columns a
// query names, so a GROUP BY over a million spans reads three columns, not every span's JSON (see the README).

/** At most this many attribute columns: keys first seen after that are not queryable (counted, see droppedKeys). */
export const MAX_ATTRIBUTE_COLUMNS = 2000
/** DuckDB's vector size: the rows of one data chunk. */
const CHUNK_ROWS = 2048

const INTRINSIC_COLUMNS: ReadonlyArray<readonly [string, DuckDBType, string]> = [
  ['chunk_id', BIGINT, 'BIGINT'],
  ['trace_id', VARCHAR, 'VARCHAR'],
  ['span_id', VARCHAR, 'VARCHAR'],
  ['parent_id', VARCHAR, 'VARCHAR'],
  ['start_ns', BIGINT, 'BIGINT'],
  ['duration_ms', DOUBLE, 'DOUBLE'],
  ['name', VARCHAR, 'VARCHAR'],
  ['service', VARCHAR, 'VARCHAR'],
  ['kind', VARCHAR, 'VARCHAR'],
  ['status_code', UTINYINT, 'UTINYINT'],
  ['status_message', VARCHAR, 'VARCHAR'],
  ['num_events', INTEGER, 'INTEGER'],
  ['num_links', INTEGER, 'INTEGER'],
  ['library_name', VARCHAR, 'VARCHAR'],
  ['library_version', VARCHAR, 'VARCHAR'],
]

const DUCKDB_TYPES: Record<ScalarType, { type: DuckDBType; sql: string }> = {
  text: { type: VARCHAR, sql: 'VARCHAR' },
  number: { type: DOUBLE, sql: 'DOUBLE' },
  boolean: { type: BOOLEAN, sql: 'BOOLEAN' },
}

const SQL_KEY: Record<ScalarType, keyof ColumnSql> = { text: 'text', number: 'number', boolean: 'boolean' }

interface AttributeColumn {
  name: string
  key: string
  type: ScalarType
}

export interface SpanTableOptions {
  /** a DuckDB file (made anew: the index is rebuilt from the store at start) or ':memory:' */
  file: string
  /** DuckDB's memory_limit, e.g. '256MB': a query that needs more fails instead of growing the process */
  memoryLimit: string
  threads: number
}

/** Rows of a DuckDB result as plain values (BIGINT as bigint, lists as arrays). */
export type ResultRows = Record<string, unknown>[]

export class SpanTable {
  private readonly attributeColumns: AttributeColumn[] = []
  private readonly columnsByKey = new Map<string, ColumnSql>()
  /** keys that found no column because MAX_ATTRIBUTE_COLUMNS were taken */
  readonly droppedKeys = new Set<string>()
  private appender: DuckDBAppender | undefined
  private rowCount = 0

  private constructor(
    private readonly instance: DuckDBInstance,
    /** appends and deletes */
    private readonly writer: DuckDBConnection,
    /** queries, so that interrupting one stops nothing else */
    private readonly reader: DuckDBConnection,
  ) {}

  static async open(options: SpanTableOptions): Promise<SpanTable> {
    const instance = await DuckDBInstance.create(options.file, { memory_limit: options.memoryLimit, threads: String(options.threads) })
    const writer = await instance.connect()
    await writer.run(`CREATE OR REPLACE TABLE spans (${INTRINSIC_COLUMNS.map(([name, , sql]) => `${name} ${sql}`).join(', ')})`)
    return new SpanTable(instance, writer, await instance.connect())
  }

  get spanCount(): number {
    return this.rowCount
  }

  /** The SQL of an attribute key's typed columns ({} for a key no span has). */
  attributeSql(key: string): ColumnSql {
    return this.columnsByKey.get(key) ?? {}
  }

  /** Every attribute key that has a column. */
  attributeKeys(): string[] {
    return [...this.columnsByKey.keys()]
  }

  /** Appends rows (and adds the columns of keys seen for the first time); visible to queries once this resolves. */
  async append(rows: readonly SpanRow[]): Promise<void> {
    await this.addColumnsFor(rows)
    const appender = (this.appender ??= await this.writer.createAppender('spans'))
    const types = [...INTRINSIC_COLUMNS.map(([, type]) => type), ...this.attributeColumns.map((column) => DUCKDB_TYPES[column.type].type)]
    for (let from = 0; from < rows.length; from += CHUNK_ROWS) {
      const slice = rows.slice(from, from + CHUNK_ROWS)
      const chunk = DuckDBDataChunk.create(types, slice.length)
      chunk.setColumns(this.columnsOf(slice))
      appender.appendDataChunk(chunk)
    }
    appender.flushSync()
    this.rowCount += rows.length
  }

  /** Deletes the spans of these traces (the store's retention deleted them). */
  async deleteTraces(traceIds: readonly string[]): Promise<void> {
    if (traceIds.length === 0) return
    this.appender?.flushSync()
    const result = await this.writer.run('DELETE FROM spans WHERE trace_id IN (SELECT unnest($1::VARCHAR[]))', [listValue(traceIds)])
    this.rowCount -= result.rowsChanged
  }

  async query(statement: Statement): Promise<ResultRows> {
    const reader = await this.reader.runAndReadAll(statement.sql, statement.params as DuckDBValue[])
    return reader.getRowObjectsJS() as ResultRows
  }

  /** Stops the running query (it rejects); appends and deletes go on. */
  interruptQuery(): void {
    this.reader.interrupt()
  }

  close(): void {
    this.appender?.closeSync()
    this.reader.closeSync()
    this.writer.closeSync()
    this.instance.closeSync()
  }

  private async addColumnsFor(rows: readonly SpanRow[]): Promise<void> {
    const added: AttributeColumn[] = []
    for (const row of rows) {
      for (const [key, scalar] of row.attributes) {
        const sql = this.columnsByKey.get(key)
        if (sql?.[SQL_KEY[scalar.type]] !== undefined || this.droppedKeys.has(key)) continue
        if (this.attributeColumns.length + added.length >= MAX_ATTRIBUTE_COLUMNS) {
          this.droppedKeys.add(key)
          continue
        }
        // names made here, never from the key: any text is a valid key, and SQL never carries it
        const column = { name: `a${this.attributeColumns.length + added.length}`, key, type: scalar.type }
        added.push(column)
        this.columnsByKey.set(key, { ...sql, [SQL_KEY[scalar.type]]: column.name })
      }
    }
    if (added.length === 0) return
    // an appender has the table's columns of when it was made
    this.appender?.closeSync()
    this.appender = undefined
    for (const column of added) await this.writer.run(`ALTER TABLE spans ADD COLUMN ${column.name} ${DUCKDB_TYPES[column.type].sql}`)
    this.attributeColumns.push(...added)
  }

  private columnsOf(rows: readonly SpanRow[]): DuckDBValue[][] {
    const columns: DuckDBValue[][] = [
      rows.map((row) => BigInt(row.chunkId)),
      rows.map((row) => row.traceId),
      rows.map((row) => row.spanId),
      rows.map((row) => row.parentId),
      rows.map((row) => row.startNs),
      rows.map((row) => row.durationMs),
      rows.map((row) => row.name),
      rows.map((row) => row.service),
      rows.map((row) => row.kind),
      rows.map((row) => row.statusCode),
      rows.map((row) => row.statusMessage),
      rows.map((row) => row.eventCount),
      rows.map((row) => row.linkCount),
      rows.map((row) => row.libraryName),
      rows.map((row) => row.libraryVersion),
    ]
    const nulls: DuckDBValue[] = new Array<DuckDBValue>(rows.length).fill(null)
    for (const column of this.attributeColumns) {
      let values: DuckDBValue[] | undefined
      rows.forEach((row, index) => {
        const scalar = row.attributes.get(column.key)
        if (scalar?.type !== column.type) return
        values ??= [...nulls]
        values[index] = scalar.value
      })
      columns.push(values ?? nulls)
    }
    return columns
  }
}

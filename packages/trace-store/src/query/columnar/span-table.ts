import { DuckDBInstance, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ColumnSql } from '../custom/column-sql.js'
import { DISTINCT_VALUES_KEPT } from '../custom/compare-query.js'
import type { Statement } from '../custom/query-sql.js'
import { CSV_COPY_OPTIONS, spanRowsCsv } from './span-csv.js'
import type { ScalarType, SpanRow } from './span-rows.js'

// The query index: one wide DuckDB table of spans, as Honeycomb keeps events: the intrinsic fields, then one typed
// column per attribute key and value type, added when a key is first seen. A columnar engine reads only the columns a
// query names, so a GROUP BY over a million spans reads three columns, not every span's JSON (see the README).

/** At most this many attribute columns: keys first seen after that are not queryable (counted, see droppedKeys). */
export const MAX_ATTRIBUTE_COLUMNS = 2000

/** The intrinsic columns, in the order of span-csv.ts. */
const INTRINSIC_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['chunk_id', 'BIGINT'],
  ['trace_id', 'VARCHAR'],
  ['span_id', 'VARCHAR'],
  ['parent_id', 'VARCHAR'],
  ['start_ns', 'BIGINT'],
  ['duration_ms', 'DOUBLE'],
  ['name', 'VARCHAR'],
  ['service', 'VARCHAR'],
  ['kind', 'VARCHAR'],
  ['status_code', 'UTINYINT'],
  ['status_message', 'VARCHAR'],
  ['num_events', 'INTEGER'],
  ['num_links', 'INTEGER'],
  ['library_name', 'VARCHAR'],
  ['library_version', 'VARCHAR'],
]

/** how much freed memory DuckDB's allocator may keep before returning it to the system */
const ALLOCATOR_FLUSH_THRESHOLD = '32MB'

const SQL_TYPES: Record<ScalarType, string> = { text: 'VARCHAR', number: 'DOUBLE', boolean: 'BOOLEAN' }

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
  /**
   * per field, its distinct values until there are DISTINCT_VALUES_KEPT of them: Compare's choice of summary. The values
   * themselves, so a number and the text that spells it count as two, without building a string per value.
   */
  private readonly distinct = new Map<string, Set<string | number | boolean>>()
  private rowCount = 0

  private constructor(
    private readonly instance: DuckDBInstance,
    /** appends and deletes */
    private readonly writer: DuckDBConnection,
    /** queries, so that interrupting one stops nothing else */
    private readonly reader: DuckDBConnection,
    /** where each batch is written for COPY: in memory (/dev/shm) where the system has it */
    private readonly batchFile: string,
  ) {}

  static async open(options: SpanTableOptions): Promise<SpanTable> {
    const instance = await DuckDBInstance.create(options.file, {
      memory_limit: options.memoryLimit,
      threads: String(options.threads),
      // DuckDB's allocator keeps freed memory for reuse, up to 128 MB a thread and 512 MB after bulk frees by default:
      // after a million appended spans that was ~400 MB of the store's RSS outside memory_limit. Returned sooner here.
      allocator_flush_threshold: ALLOCATOR_FLUSH_THRESHOLD,
      allocator_bulk_deallocation_flush_threshold: ALLOCATOR_FLUSH_THRESHOLD,
      allocator_background_threads: 'true',
    })
    const writer = await instance.connect()
    await writer.run(`CREATE OR REPLACE TABLE spans (${INTRINSIC_COLUMNS.map(([name, sql]) => `${name} ${sql}`).join(', ')})`)
    const scratch = scratchDirectory()
    return new SpanTable(instance, writer, await instance.connect(), path.join(scratch, 'batch.csv'))
  }

  get spanCount(): number {
    return this.rowCount
  }

  /** The SQL of an attribute key's typed columns ({} for a key no span has). */
  attributeSql(key: string): ColumnSql {
    return this.columnsByKey.get(key) ?? {}
  }

  /** How many values a field has had among all appended spans (an intrinsic field by its query name, else an attribute key), up to DISTINCT_VALUES_KEPT. */
  distinctValues(name: string): number {
    return this.distinct.get(name)?.size ?? 0
  }

  /** Every attribute key that has a column. */
  attributeKeys(): string[] {
    return [...this.columnsByKey.keys()]
  }

  /** Appends rows (and adds the columns of keys seen for the first time); visible to queries once this resolves. */
  async append(rows: readonly SpanRow[]): Promise<void> {
    if (rows.length === 0) return
    await this.addColumnsFor(rows)
    this.countDistinctValues(rows)
    writeFileSync(this.batchFile, spanRowsCsv(rows, this.attributeColumns))
    await this.writer.run(`COPY spans FROM '${this.batchFile.replaceAll("'", "''")}' (${CSV_COPY_OPTIONS})`)
    this.rowCount += rows.length
  }

  /** Deletes the spans of these traces (the store's retention deleted them). */
  async deleteTraces(traceIds: readonly string[]): Promise<void> {
    if (traceIds.length === 0) return
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
    rmSync(path.dirname(this.batchFile), { recursive: true, force: true })
    this.reader.closeSync()
    this.writer.closeSync()
    this.instance.closeSync()
  }

  private countDistinctValues(rows: readonly SpanRow[]): void {
    const note = (name: string, value: string | number | boolean) => {
      let values = this.distinct.get(name)
      if (!values) this.distinct.set(name, (values = new Set()))
      if (values.size < DISTINCT_VALUES_KEPT) values.add(value)
    }
    // a field with DISTINCT_VALUES_KEPT values is done: most spans' high-cardinality fields are skipped at one lookup
    const open = (name: string) => (this.distinct.get(name)?.size ?? 0) < DISTINCT_VALUES_KEPT
    const intrinsic = { service: open('service.name'), name: open('name'), kind: open('span.kind'), status: open('status_code'), library: open('library.name') }
    for (const row of rows) {
      if (intrinsic.service) note('service.name', row.service)
      if (intrinsic.name) note('name', row.name)
      if (intrinsic.kind) note('span.kind', row.kind)
      if (intrinsic.status) note('status_code', row.statusCode)
      if (intrinsic.library) note('library.name', row.libraryName)
      for (const [key, scalar] of row.attributes) {
        const values = this.distinct.get(key)
        if (values === undefined) this.distinct.set(key, new Set([scalar.value]))
        else if (values.size < DISTINCT_VALUES_KEPT) values.add(scalar.value)
      }
    }
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
    for (const column of added) {
      await this.writer.run(`ALTER TABLE spans ADD COLUMN ${column.name} ${SQL_TYPES[column.type]}`)
      // the key as the column's comment, so the index file describes itself (the query bench reads it back);
      // a quoted literal with its quotes doubled is only ever text; a key DuckDB cannot hold as text (a NUL) goes without
      await this.writer.run(`COMMENT ON COLUMN spans.${column.name} IS '${column.key.replaceAll("'", "''")}'`).catch(() => undefined)
    }
    this.attributeColumns.push(...added)
  }
}

/** A directory of its own for the batch file: in memory (/dev/shm) where the system has a writable one, else the temp directory. */
function scratchDirectory(): string {
  try {
    return mkdtempSync(path.join('/dev/shm', 'spanlight-query-index-'))
  } catch {
    return mkdtempSync(path.join(tmpdir(), 'spanlight-query-index-'))
  }
}

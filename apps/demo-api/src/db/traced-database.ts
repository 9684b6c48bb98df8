import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api'
import {
  ATTR_DB_COLLECTION_NAME,
  ATTR_DB_NAMESPACE,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_SYSTEM_NAME,
  ATTR_ERROR_TYPE,
} from '@opentelemetry/semantic-conventions'
import type { Database, RunResult, Statement } from 'better-sqlite3'

/** `db.system.name` value for SQLite (semantic conventions, development). */
export const DB_SYSTEM_NAME_VALUE_SQLITE = 'sqlite'
/** Rows a query returned (semantic conventions, development). */
export const ATTR_DB_RESPONSE_RETURNED_ROWS = 'db.response.returned_rows'
/** SQLite's own database name for the main file. */
export const SQLITE_MAIN_NAMESPACE = 'main'

const tracer = trace.getTracer('@spanlight/demo-api/db')

export type SqlOperation = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE'

/** One SQL statement and what it does, for the span (the text never holds values: they are bound parameters). */
export interface QuerySpec {
  operation: SqlOperation
  /** the table it reads or writes */
  collection: string
  sql: string
}

export type QueryParams = Record<string, unknown> | unknown[]

/**
 * better-sqlite3 with a CLIENT span per statement, named and attributed after
 * the OpenTelemetry database semantic conventions (there is no maintained
 * instrumentation for better-sqlite3). Statements are prepared once.
 */
export class TracedDatabase {
  private readonly statements = new Map<string, Statement>()

  constructor(readonly db: Database) {}

  all<Row>(query: QuerySpec, params: QueryParams = {}): Row[] {
    return this.traced(query, (statement, span) => {
      const rows = statement.all(params) as Row[]
      span.setAttribute(ATTR_DB_RESPONSE_RETURNED_ROWS, rows.length)
      return rows
    })
  }

  get<Row>(query: QuerySpec, params: QueryParams = {}): Row | undefined {
    return this.traced(query, (statement, span) => {
      const row = statement.get(params) as Row | undefined
      span.setAttribute(ATTR_DB_RESPONSE_RETURNED_ROWS, row === undefined ? 0 : 1)
      return row
    })
  }

  run(query: QuerySpec, params: QueryParams = {}): RunResult {
    return this.traced(query, (statement) => statement.run(params))
  }

  /** Runs fn in one transaction: every write in it is kept, or none is. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  close(): void {
    this.db.close()
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  private traced<T>(query: QuerySpec, execute: (statement: Statement, span: Span) => T): T {
    return tracer.startActiveSpan(
      `${query.operation} ${query.collection}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_SQLITE,
          [ATTR_DB_NAMESPACE]: SQLITE_MAIN_NAMESPACE,
          [ATTR_DB_OPERATION_NAME]: query.operation,
          [ATTR_DB_COLLECTION_NAME]: query.collection,
          [ATTR_DB_QUERY_TEXT]: query.sql,
        },
      },
      (span) => {
        try {
          return execute(this.prepare(query.sql), span)
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error))
          span.recordException(failure)
          span.setAttribute(ATTR_ERROR_TYPE, (failure as { code?: string }).code ?? failure.name)
          span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message })
          throw error
        } finally {
          span.end()
        }
      },
    )
  }
}

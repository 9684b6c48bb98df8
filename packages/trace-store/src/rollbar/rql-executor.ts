import type { SqliteDatabase } from '../store/open-database.js'
import type { RqlColumn, RqlCondition, RqlQuery, RqlTextMatchColumn } from './rql-query.js'

/** Each RQL column as SQL over `rollbar_occurrences AS o JOIN rollbar_items AS i`. */
const COLUMN_SQL: Record<RqlColumn, string> = {
  occurrence_id: 'o.id',
  timestamp: 'o.timestamp',
  uuid: 'o.uuid',
  'item.id': 'i.id',
  // the local store numbers items once, so an item's counter is its id
  'item.counter': 'i.id',
  'item.title': 'i.title',
  'item.level': 'i.level',
  'item.status': 'i.status',
  'item.environment': 'i.environment',
  'custom.trace_id': 'o.trace_id',
  'custom.span_id': 'o.span_id',
  'custom.session_id': 'o.session_id',
}

/** Every filter column is an indexed column (schema.ts): no condition reads the stored JSON. */
const TEXT_MATCH_SQL: Record<RqlTextMatchColumn, string> = {
  'custom.trace_id': 'o.trace_id',
  'custom.span_id': 'o.span_id',
  'custom.session_id': 'o.session_id',
  uuid: 'o.uuid',
}

export type RqlValue = string | number | null

export interface RqlStatement {
  sql: string
  /** bound in order to the statement's `?` placeholders */
  params: RqlValue[]
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ')
}

function conditionSql(condition: RqlCondition, params: RqlValue[]): string {
  switch (condition.kind) {
    case 'text':
      params.push(...condition.values)
      return `${TEXT_MATCH_SQL[condition.column]} IN (${placeholders(condition.values.length)})`
    case 'item':
      params.push(...condition.itemIds)
      return `o.item_id IN (${placeholders(condition.itemIds.length)})`
    case 'timestamp':
      params.push(condition.valueSec)
      return `o.timestamp ${condition.operator} ?`
  }
}

/**
 * The SQL for a parsed query: column names and operators come from the fixed maps above, every value is a bound
 * parameter. Without ORDER BY, occurrences come newest received first.
 */
export function buildRqlStatement(query: RqlQuery): RqlStatement {
  const params: RqlValue[] = []
  const where = query.conditions.map((condition) => conditionSql(condition, params))
  const order = query.order === null ? 'o.id DESC' : `o.timestamp ${query.order.toUpperCase()}, o.id ${query.order.toUpperCase()}`
  params.push(query.limit)
  const sql = [
    `SELECT ${query.columns.map((column) => COLUMN_SQL[column]).join(', ')}`,
    'FROM rollbar_occurrences AS o JOIN rollbar_items AS i ON i.id = o.item_id',
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    `ORDER BY ${order} LIMIT ?`,
  ]
    .filter(Boolean)
    .join(' ')
  return { sql, params }
}

/** Runs parsed RQL queries against the store's Rollbar tables. */
export class RqlExecutor {
  constructor(private readonly db: SqliteDatabase) {}

  /** The result rows, each an array of values in the order of `query.columns`. */
  run(query: RqlQuery): RqlValue[][] {
    const { sql, params } = buildRqlStatement(query)
    return this.db
      .prepare(sql)
      .raw()
      .all(...params) as RqlValue[][]
  }
}

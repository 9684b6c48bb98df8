import 'server-only'
import type { OccurrenceRef } from '../features/errors/model/rollbar-lookups'
import { normalizeLevel } from '../features/errors/model/rollbar-model'
import { parseOccurrenceUuid, parseSessionId, parseSpanId, parseTraceIdValue } from '../features/lookup/model/parse-lookup'
import { DashboardError } from './errors'
import { RQL_MAX_ROWS, rqlString, type RqlRow } from './rollbar-rql'

// The RQL queries the dashboard sends (all on item_occurrence, in the subset the store answers too), and their rows.
// Each takes an id that is validated here again before it is quoted into the query.

const COLUMNS = ['item.id', 'item.counter', 'item.title', 'item.level', 'occurrence_id', 'uuid', 'timestamp', 'custom.trace_id', 'custom.span_id']

function occurrencesWhere(condition: string, order: 'ASC' | 'DESC', limit = RQL_MAX_ROWS): string {
  return `SELECT ${COLUMNS.join(', ')} FROM item_occurrence WHERE ${condition} ORDER BY timestamp ${order} LIMIT ${limit}`
}

function checked(value: string | null, what: string): string {
  if (value === null) throw new DashboardError('bad_request', `${what} is not valid`)
  return value
}

export function traceOccurrencesQuery(traceId: string): string {
  return occurrencesWhere(`custom.trace_id = ${rqlString(checked(parseTraceIdValue(traceId), 'trace id'))}`, 'ASC')
}

export function sessionOccurrencesQuery(sessionId: string): string {
  return occurrencesWhere(`custom.session_id = ${rqlString(checked(parseSessionId(sessionId), 'session id'))}`, 'ASC')
}

/** Senders write a uuid with dashes (rollbar.js) or without: both forms are asked for. */
export function uuidOccurrenceQuery(uuid: string): string {
  const dashed = checked(parseOccurrenceUuid(uuid), 'uuid')
  return occurrencesWhere(`uuid IN (${rqlString(dashed)}, ${rqlString(dashed.replace(/-/g, ''))})`, 'DESC', 1)
}

export function spanOccurrenceQuery(spanId: string): string {
  return occurrencesWhere(`custom.span_id = ${rqlString(checked(parseSpanId(spanId), 'span id'))}`, 'DESC', 1)
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null)
const integer = (value: unknown) => {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : null
}

/** One row as an occurrence; rows without an item or occurrence id are dropped, ids that are not hex read as none. */
export function toOccurrenceRef(row: RqlRow): OccurrenceRef | null {
  const itemId = integer(row['item.id'])
  const occurrenceId = integer(row.occurrence_id)
  if (itemId === null || occurrenceId === null) return null
  const traceId = text(row['custom.trace_id'])
  const spanId = text(row['custom.span_id'])
  return {
    itemId,
    title: text(row['item.title']) ?? `Item ${itemId}`,
    level: normalizeLevel(row['item.level']),
    occurrenceId,
    uuid: text(row.uuid),
    timestampSec: integer(row.timestamp) ?? 0,
    traceId: traceId ? parseTraceIdValue(traceId) : null,
    spanId: spanId ? parseSpanId(spanId) : null,
  }
}

export function toOccurrenceRefs(rows: RqlRow[]): OccurrenceRef[] {
  return rows.map(toOccurrenceRef).filter((ref): ref is OccurrenceRef => ref !== null)
}

import 'server-only'
import { parseQuerySpec, QuerySpecError, type QueryColumn, type QueryFilter, type QuerySpec } from '@spanlight/trace-store/helpers'
import { DashboardError } from '../errors'

// A Honeycomb Query Specification (docs.honeycomb.io, "Query Specification") read for a source that does not parse it
// itself: Tempo. The store's path sends the body on as the browser gave it; this one reads it with the store's own
// parser (`parseQuerySpec`), so a spec gets the same answer about its shape whichever source is configured: the same
// ops, columns, limits, defaults, time range and messages. What Tempo cannot answer of a valid spec is
// traceql-translate.ts's to say.

export type Calculation = QuerySpec['calculations'][number]
export type HavingOp = QuerySpec['havings'][number]['op']

/** `duration_ms`, `http.route`: a column as the spec wrote it. */
export function columnName(column: QueryColumn): string {
  return column.kind === 'intrinsic' ? column.name : column.key
}

/** `COUNT`, `P95(duration_ms)`: how the store names a calculation in its results. */
export function calculationLabel(calculation: Calculation): string {
  return calculation.op === 'COUNT' ? 'COUNT' : `${calculation.op}(${columnName(calculation.column)})`
}

function parsed<T>(read: () => T, where?: string): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof QuerySpecError) throw new DashboardError('bad_request', where ? `${where}.${error.message}` : error.message)
    throw error
  }
}

/**
 * Reads a Honeycomb Query Specification (the body of `POST /api/query`) as the store does; throws a 400 DashboardError
 * with the store's message, which names the field that is wrong (`filters[2].op: …`).
 */
export function parseHoneycombSpec(body: unknown, nowMs: number): QuerySpec {
  return parsed(() => parseQuerySpec(body, nowMs))
}

/**
 * A comparison's selection filters (`selection.filters` of `POST /api/query/compare`), read by the store's rules for a
 * spec's filters, as its own compare does; a 400 names them as `selection.filters[i]…`.
 */
export function parseSelectionFilters(filters: unknown[] | undefined, nowMs: number): QueryFilter[] {
  return parsed(() => parseQuerySpec({ filters: filters ?? [] }, nowMs).filters, 'selection')
}

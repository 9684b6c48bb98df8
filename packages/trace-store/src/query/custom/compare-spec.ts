import { parseFilter, type QueryFilter } from './parse-filter.js'
import { MAX_FILTERS } from './query-spec-shape.js'
import { QuerySpecError } from './query-spec-error.js'
import { parseQuerySpec, type QuerySpec } from './query-spec.js'

/**
 * A Compare ("what's different", Honeycomb's BubbleUp): the query's time range and filters choose the spans; the
 * selection is the part of them to explain, the rest is the baseline.
 */
export interface CompareSpec {
  query: QuerySpec
  /** AND: a heatmap region is `duration_ms >= low`, `duration_ms < high` and its time range */
  selectionFilters: QueryFilter[]
  /** the selection's time range within the query's, ms; absent: the query's */
  selectionStartMs?: number
  selectionEndMs?: number
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readSeconds(value: unknown, where: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new QuerySpecError(`${where}: must be unix seconds`)
  return Math.round(value * 1000)
}

/** Validates `{ query: <Honeycomb spec>, selection: { filters?, start_time?, end_time? } }`; a QuerySpecError names the field. */
export function parseCompareSpec(body: unknown, nowMs: number): CompareSpec {
  if (!isObject(body)) throw new QuerySpecError('the body must be a JSON object: {"query": <a query spec>, "selection": {"filters": [...]}}')
  const unknownFields = Object.keys(body).filter((key) => key !== 'query' && key !== 'selection')
  if (unknownFields.length > 0) throw new QuerySpecError(`unknown field(s): ${unknownFields.join(', ')}`)
  let query: QuerySpec
  try {
    query = parseQuerySpec(body.query ?? {}, nowMs)
  } catch (error) {
    if (error instanceof QuerySpecError) throw new QuerySpecError(`query.${error.message}`)
    throw error
  }
  const selection = body.selection
  if (!isObject(selection)) throw new QuerySpecError('selection: must be an object with filters and/or start_time and end_time')
  const unknownSelection = Object.keys(selection).filter((key) => !['filters', 'start_time', 'end_time'].includes(key))
  if (unknownSelection.length > 0) throw new QuerySpecError(`selection: unknown field(s): ${unknownSelection.join(', ')}`)
  const filtersJson = selection.filters ?? []
  if (!Array.isArray(filtersJson) || filtersJson.length > MAX_FILTERS)
    throw new QuerySpecError(`selection.filters: must be a list of at most ${MAX_FILTERS} filters`)
  const selectionFilters = filtersJson.map((filter: unknown, index) => {
    const where = `selection.filters[${index}]`
    if (!isObject(filter) || typeof filter.column !== 'string' || filter.column === '' || typeof filter.op !== 'string') {
      throw new QuerySpecError(`${where}: must be {"column", "op", "value"}`)
    }
    return parseFilter({ column: filter.column, op: filter.op, value: filter.value }, where)
  })
  const selectionStartMs = readSeconds(selection.start_time, 'selection.start_time')
  const selectionEndMs = readSeconds(selection.end_time, 'selection.end_time')
  if (selectionStartMs !== undefined && selectionEndMs !== undefined && selectionStartMs >= selectionEndMs) {
    throw new QuerySpecError('selection.start_time: must be before selection.end_time')
  }
  if (selectionFilters.length === 0 && selectionStartMs === undefined && selectionEndMs === undefined) {
    throw new QuerySpecError('selection: give filters or a time range: the selection cannot be every span')
  }
  return {
    query,
    selectionFilters,
    ...(selectionStartMs === undefined ? {} : { selectionStartMs }),
    ...(selectionEndMs === undefined ? {} : { selectionEndMs }),
  }
}

// A series point's example traces. The store's series points name none (a list per point made its series a third
// slower), so a click asks for them: the same query narrowed to the point's group and bucket, whose one totals row
// names the traces of its slowest spans.
import type { ResultValue } from './query-result'
import type { QuerySpec, SpecFilter } from './query-spec'

export interface PointLookup {
  /** the group's breakdown values (null: the spans without the field) */
  group: Record<string, ResultValue>
  /** the bucket, unix seconds: [startSec, endSec) */
  startSec: number
  endSec: number
}

/**
 * The query whose one row names the point's examples. Undefined when the query's filters are OR-ed: the group's values
 * cannot be AND-ed to them in one spec, so the group's own examples (over the whole range) are shown instead.
 */
export function pointExamplesSpec(runSpec: QuerySpec, lookup: PointLookup): QuerySpec | undefined {
  const filters = runSpec.filters ?? []
  if (runSpec.filter_combination === 'OR' && filters.length > 1) return undefined
  const groupFilters: SpecFilter[] = Object.entries(lookup.group).map(([column, value]) =>
    value === null ? { column, op: 'does-not-exist' } : { column, op: '=', value },
  )
  return {
    calculations: [{ op: 'COUNT' }],
    filters: [...filters, ...groupFilters],
    filter_combination: 'AND',
    limit: 1,
    start_time: lookup.startSec,
    end_time: lookup.endSec,
  }
}

import 'server-only'
import { specToJson, type QuerySpec } from '@spanlight/trace-store/helpers'
import { DashboardError } from '../errors'
import { fetchUpstreamJson, upstreamUrl, type Upstream } from '../upstream'
import { columnName, parseHoneycombSpec, parseSelectionFilters, type HavingOp } from './honeycomb-spec'
import {
  UnsupportedClausesError,
  type ClauseNote,
  type CompareRequest,
  type CompareResult,
  type QueryCapabilities,
  type QueryResult,
  type QueryResultRow,
  type QuerySource,
} from './query-source'
import { readTempoSeries, TEMPO_METRICS_SCHEMA, type TempoSeries } from './tempo-series'
import { spansetFilter, TEMPO_APPLIED_BY_DASHBOARD, TEMPO_UNSUPPORTED, translateSpec, type BreakdownField, type PlannedCalculation } from './traceql-translate'

// Custom queries on Grafana Tempo: the spec becomes TraceQL metrics queries (traceql-translate.ts), one range query
// per calculation (`GET /api/metrics/query_range?q&start&end&step`, times in unix s, step the spec's granularity), plus
// an instant query (`GET /api/metrics/query`, Tempo ≥ 2.6) for the totals that cannot be summed from buckets (AVG and
// percentiles). Their series are joined by group into the store's answer: the totals table (ordered, filtered by the
// havings and limited here), the series and heatmaps, exemplars' trace ids as examples.

/** As the store: up to this many example traces per row, point or cell. */
const EXAMPLE_TRACE_COUNT = 3
/** Tempo's own cap (`maxExemplars`); asked for explicitly, as the documented `exemplars` parameter */
const EXEMPLARS = 100
/** Values per attribute that compare() keeps (its `topN`; Tempo's default is 10) */
const COMPARE_TOP_N = 20
/** Tempo requests a query may have in flight at once */
const CONCURRENCY = 4

type Value = string | number | boolean | null

interface Group {
  key: string
  values: Value[]
  /** per planned calculation: bucket start ms → value (already in Honeycomb's unit) */
  buckets: Map<number, number>[]
  totals: (number | null)[]
  exemplars: { timeMs: number; traceId: string }[]
}

async function inBatches<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await run(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker))
  return results
}

/** Labels Tempo adds of its own (`p` of a quantile, `__bucket` of a histogram, `__name__`, `__meta_*`) */
function isInternalLabel(key: string): boolean {
  return key === 'p' || key.startsWith('__')
}

/** `resource.service.name`, `span.http.route`, `.http.route` and `."a b"` name the same thing for matching a label. */
function labelName(key: string): string {
  return key
    .replace(/^(?:span|resource)(?=\.)/, '')
    .replace(/^\.?"(.*)"$/, '$1')
    .replace(/^\./, '')
    .replace(/^span:/, '')
}

function groupValues(series: TempoSeries, breakdowns: BreakdownField[]): Value[] {
  const entries = Object.entries(series.labels).filter(([key]) => !isInternalLabel(key))
  return breakdowns.map((field) => {
    const wanted = labelName(field.expr)
    const found = entries.find(([key]) => key === field.expr) ?? entries.find(([key]) => labelName(key) === wanted)
    const raw = found ? found[1] : null
    // Tempo writes a group without the attribute as the label `nil` or leaves it out
    return field.decode(raw === 'nil' ? null : raw)
  })
}

function compareValues(a: Value, b: Value): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a) < String(b) ? -1 : 1
}

function passes(value: number | null, op: HavingOp, threshold: number): boolean {
  if (value === null) return false
  switch (op) {
    case '=':
      return value === threshold
    case '!=':
      return value !== threshold
    case '>':
      return value > threshold
    case '>=':
      return value >= threshold
    case '<':
      return value < threshold
    case '<=':
      return value <= threshold
  }
}

function uniqueIds(ids: string[]): string[] {
  return [...new Set(ids)].slice(0, EXAMPLE_TRACE_COUNT)
}

const iso = (ms: number) => new Date(ms).toISOString()

export class TempoQuerySource implements QuerySource {
  readonly capabilities: QueryCapabilities
  constructor(
    private readonly upstream: Upstream,
    private readonly now: () => number = Date.now,
  ) {
    this.capabilities = {
      source: 'tempo',
      sourceName: upstream.name,
      aggregates: true,
      compare: true,
      savedQueries: true,
      message: `${upstream.name} answers custom queries with TraceQL metrics (Tempo ≥ 2.6; sum/min/max/avg_over_time need a Tempo that documents them)`,
      unsupported: TEMPO_UNSUPPORTED,
      appliedByDashboard: TEMPO_APPLIED_BY_DASHBOARD,
    }
  }

  private async metrics(
    path: 'api/metrics/query_range' | 'api/metrics/query',
    params: Record<string, string | number>,
    instantMs: number,
  ): Promise<TempoSeries[]> {
    const answer = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, path, params), TEMPO_METRICS_SCHEMA)
    const partial = answer && 'status' in answer && typeof answer.status === 'string' && answer.status.toUpperCase() === 'PARTIAL'
    if (partial)
      throw new DashboardError('upstream_error', `${this.upstream.name} answered only part of the query; try a shorter time range`, this.upstream.name)
    return readTempoSeries(answer!, instantMs)
  }

  async run(body: unknown): Promise<QueryResult> {
    const spec = parseHoneycombSpec(body, this.now())
    const problems: ClauseNote[] = []
    const plan = translateSpec(spec, problems)
    if (problems.length > 0) throw new UnsupportedClausesError(this.upstream.name, problems)

    const startSec = spec.startMs / 1000
    const endSec = spec.endMs / 1000
    const stepSec = spec.granularityMs / 1000
    const range = (calculation: PlannedCalculation) =>
      this.metrics('api/metrics/query_range', { q: calculation.traceql, start: startSec, end: endSec, step: `${stepSec}s`, exemplars: EXEMPLARS }, spec.startMs)
    const instant = (calculation: PlannedCalculation) =>
      this.metrics('api/metrics/query', { q: calculation.traceql, start: startSec, end: endSec }, spec.startMs)
    const needsInstant = plan.calculations.filter((calculation) => calculation.total === 'instant')
    const [ranged, instants] = await Promise.all([inBatches(plan.calculations, range), inBatches(needsInstant, instant)])
    const traceql = [...new Set(plan.calculations.map((calculation) => calculation.traceql))]
    return {
      ...this.assemble(spec, plan.breakdowns, plan.calculations, ranged, new Map(needsInstant.map((c, i) => [c.index, instants[i]!]))),
      meta: { source: 'tempo', traceql, appliedByDashboard: plan.appliedByDashboard },
    }
  }

  /** Joins each calculation's series by group into the store's answer shape. */
  private assemble(
    spec: QuerySpec,
    breakdowns: BreakdownField[],
    planned: PlannedCalculation[],
    ranged: TempoSeries[][],
    instants: Map<number, TempoSeries[]>,
  ): Omit<QueryResult, 'meta'> {
    const groups = new Map<string, Group>()
    const groupOf = (values: Value[]): Group => {
      const key = JSON.stringify(values)
      let group = groups.get(key)
      if (!group) {
        group = { key, values, buckets: planned.map(() => new Map()), totals: planned.map(() => null), exemplars: [] }
        groups.set(key, group)
      }
      return group
    }
    const heatmaps: QueryResult['data']['heatmaps'] = []
    planned.forEach((calculation, position) => {
      const series = ranged[position]!
      if (calculation.shape === 'heatmap') {
        heatmaps.push(this.heatmap(calculation, series, spec.granularityMs))
        return
      }
      for (const entry of series) {
        const group = groupOf(groupValues(entry, breakdowns))
        const buckets = group.buckets[position]!
        for (const sample of entry.samples) buckets.set(sample.timeMs, (buckets.get(sample.timeMs) ?? 0) + sample.value * calculation.scale)
        group.exemplars.push(...entry.exemplars)
      }
    })
    // RATE_*: the change from the bucket before, per second (none for a group's first bucket or after a gap), as the store's
    const stepMs = spec.granularityMs
    planned.forEach((calculation, position) => {
      if (calculation.shape !== 'rate') return
      for (const group of groups.values()) {
        const values = group.buckets[position]!
        const rates = new Map<number, number>()
        for (const [timeMs, value] of values) {
          const before = values.get(timeMs - stepMs)
          if (before !== undefined) rates.set(timeMs, (value - before) / (stepMs / 1000))
        }
        group.buckets[position] = rates
      }
    })
    // totals
    planned.forEach((calculation, position) => {
      if (calculation.shape === 'heatmap' || calculation.total === 'none') return
      if (calculation.total === 'instant') {
        for (const entry of instants.get(calculation.index) ?? []) {
          const group = groupOf(groupValues(entry, breakdowns))
          const sample = entry.samples.at(-1)
          if (sample) group.totals[position] = sample.value * calculation.scale
        }
        return
      }
      for (const group of groups.values()) {
        const values = [...group.buckets[position]!.values()]
        if (values.length === 0) continue
        group.totals[position] =
          calculation.total === 'sum' ? values.reduce((sum, value) => sum + value, 0) : calculation.total === 'min' ? Math.min(...values) : Math.max(...values)
      }
    })

    const totalOf = (group: Group, calculationIndex: number): number | null => {
      const position = planned.findIndex((calculation) => calculation.index === calculationIndex)
      return position < 0 ? null : group.totals[position]!
    }
    let ranked = [...groups.values()].filter((group) =>
      spec.havings.every((having) => passes(totalOf(group, having.calculationIndex), having.op, having.value)),
    )
    const orders = [...spec.orders]
    if (orders.length === 0) {
      // as Honeycomb and the store: the first calculation, largest first
      const first = spec.calculations.findIndex((calculation) => calculation.op !== 'HEATMAP' && !calculation.op.startsWith('RATE_'))
      if (first >= 0) orders.push({ by: 'calculation', calculationIndex: first, order: 'descending' })
    }
    ranked.sort((a, b) => {
      for (const order of orders) {
        const left = order.by === 'calculation' ? totalOf(a, order.calculationIndex) : a.values[order.breakdownIndex]!
        const right = order.by === 'calculation' ? totalOf(b, order.calculationIndex) : b.values[order.breakdownIndex]!
        // nulls last whatever the direction
        if (left === null || right === null) {
          if (left !== right) return left === null ? 1 : -1
          continue
        }
        const difference = compareValues(left, right)
        if (difference !== 0) return order.order === 'descending' ? -difference : difference
      }
      for (let index = 0; index < breakdowns.length; index += 1) {
        const difference = compareValues(a.values[index]!, b.values[index]!)
        if (difference !== 0) return difference
      }
      return 0
    })
    ranked = ranked.slice(0, spec.limit)

    const groupData = (group: Group) => Object.fromEntries(breakdowns.map((field, index) => [field.column, group.values[index]!]))
    const calculationData = (value: (position: number) => number | null): Record<string, Value> => {
      const data: Record<string, Value> = {}
      planned.forEach((calculation, position) => {
        if (calculation.shape !== 'heatmap') data[calculation.label] = value(position)
      })
      return data
    }
    const results: QueryResultRow[] = ranked.map((group) => ({
      data: { ...groupData(group), ...calculationData((position) => group.totals[position]!) },
      exampleTraceIds: uniqueIds(group.exemplars.map((exemplar) => exemplar.traceId)),
    }))
    const series: QueryResult['data']['series'] = []
    for (const group of ranked) {
      const times = [...new Set(group.buckets.flatMap((buckets) => [...buckets.keys()]))].sort((a, b) => a - b)
      for (const timeMs of times) {
        const data = calculationData((position) => group.buckets[position]!.get(timeMs) ?? null)
        if (Object.values(data).every((value) => value === null)) continue
        series.push({
          time: iso(timeMs),
          data: { ...groupData(group), ...data },
          exampleTraceIds: uniqueIds(
            group.exemplars.filter((exemplar) => exemplar.timeMs >= timeMs && exemplar.timeMs < timeMs + stepMs).map((exemplar) => exemplar.traceId),
          ),
        })
      }
    }
    return { query: { ...specToJson(spec) }, data: { results, series, heatmaps }, groups: ranked.map(groupData) }
  }

  /**
   * A `histogram_over_time` answer as the store's heatmap: Tempo's buckets are powers of two, each series one bucket
   * labelled `__bucket` with its upper bound (seconds, for durations); a cell's lower bound is half its upper.
   */
  private heatmap(calculation: PlannedCalculation, series: TempoSeries[], stepMs: number): QueryResult['data']['heatmaps'][number] {
    const cells: QueryResult['data']['heatmaps'][number]['cells'] = []
    const bounds = new Set<number>()
    for (const entry of series) {
      const raw = entry.labels.__bucket
      const upper = typeof raw === 'number' ? raw : Number(raw)
      if (!Number.isFinite(upper) || upper <= 0) continue
      const upperBound = upper * calculation.scale
      bounds.add(upperBound)
      for (const sample of entry.samples) {
        if (sample.value <= 0) continue
        cells.push({
          time: iso(sample.timeMs),
          lowerBound: upperBound / 2,
          upperBound,
          count: sample.value,
          exampleTraceIds: uniqueIds(
            entry.exemplars
              .filter((exemplar) => exemplar.timeMs >= sample.timeMs && exemplar.timeMs < sample.timeMs + stepMs)
              .map((exemplar) => exemplar.traceId),
          ),
        })
      }
    }
    cells.sort((a, b) => (a.time === b.time ? a.lowerBound - b.lowerBound : a.time < b.time ? -1 : 1))
    const sorted = [...bounds].sort((a, b) => a - b)
    return {
      calculation: calculation.label,
      // a heatmap's calculation is HEATMAP(column)
      column: 'column' in calculation.calculation ? columnName(calculation.calculation.column) : '',
      cells,
      valueBuckets: sorted.length,
      minValue: cells.length > 0 ? sorted[0]! / 2 : null,
      maxValue: cells.length > 0 ? sorted.at(-1)! : null,
    }
  }

  async compare(request: CompareRequest): Promise<CompareResult> {
    const spec = parseHoneycombSpec(request.query, this.now())
    const problems: ClauseNote[] = []
    const population = spansetFilter(spec.filters, spec.filterCombination, 'query.filters', problems)
    const selection = spansetFilter(parseSelectionFilters(request.selection.filters, this.now()), 'AND', 'selection.filters', problems)
    if (problems.length > 0) throw new UnsupportedClausesError(this.upstream.name, problems)
    const { start_time: fromSec, end_time: toSec } = request.selection
    const window = fromSec !== undefined && toSec !== undefined ? `, ${BigInt(fromSec) * 1_000_000_000n}, ${BigInt(toSec) * 1_000_000_000n}` : ''
    const traceql = `${population} | compare(${selection}, ${COMPARE_TOP_N}${window})`
    const series = await this.metrics('api/metrics/query', { q: traceql, start: spec.startMs / 1000, end: spec.endMs / 1000 }, spec.startMs)
    return { ...compareResult(series), query: specToJson(spec), meta: { source: 'tempo', traceql: [traceql], appliedByDashboard: [] } }
  }
}

/** Tempo's attribute names as Honeycomb's columns, and its enum values as the store's. */
function compareColumn(attribute: string): { column: string; decode: (value: Value) => Value } {
  const same = (value: Value) => value
  if (attribute === 'resource.service.name') return { column: 'service.name', decode: same }
  if (attribute === 'kind' || attribute === 'span:kind') return { column: 'span.kind', decode: same }
  if (attribute === 'status' || attribute === 'span:status') {
    return { column: 'status_code', decode: (value) => (value === 'unset' ? 0 : value === 'ok' ? 1 : value === 'error' ? 2 : value) }
  }
  if (attribute === 'statusMessage' || attribute === 'span:statusMessage') return { column: 'status_message', decode: same }
  if (attribute === 'name' || attribute === 'span:name') return { column: 'name', decode: same }
  return { column: attribute.replace(/^(?:span|resource)\./, ''), decode: same }
}

interface CompareCounts {
  selected: Map<string, { value: Value; count: number }>
  baseline: Map<string, { value: Value; count: number }>
  selectedTotal: number
  baselineTotal: number
}

/**
 * compare()'s series as the store's answer. Tempo sends, per attribute, a series per value in the selection and in
 * the baseline (`__meta_type` selection|baseline; its top N values only) and one total of spans that have the
 * attribute (`selection_total`, `baseline_total`). The selection's and baseline's span counts are the largest such
 * total (every span has a name). Values beyond the top N are `other…`, spans without the attribute `missing…`; the score
 * is the total variation distance between the two distributions over values, other and missing, as the store's.
 */
export function compareResult(series: TempoSeries[]): Omit<CompareResult, 'query' | 'meta'> {
  const byColumn = new Map<string, CompareCounts>()
  const countsOf = (column: string) => {
    let counts = byColumn.get(column)
    if (!counts) {
      counts = { selected: new Map(), baseline: new Map(), selectedTotal: 0, baselineTotal: 0 }
      byColumn.set(column, counts)
    }
    return counts
  }
  for (const entry of series) {
    const type = entry.labels.__meta_type
    if (typeof type !== 'string' || entry.labels.__meta_error !== undefined) continue
    const attribute = Object.keys(entry.labels).find((key) => !key.startsWith('__'))
    if (attribute === undefined) continue
    const { column, decode } = compareColumn(attribute)
    const count = entry.samples.reduce((sum, sample) => sum + sample.value, 0)
    const counts = countsOf(column)
    if (type === 'selection_total') counts.selectedTotal += count
    else if (type === 'baseline_total') counts.baselineTotal += count
    else if (type === 'selection' || type === 'baseline') {
      const value = decode(entry.labels[attribute] ?? null)
      const target = type === 'selection' ? counts.selected : counts.baseline
      const key = JSON.stringify(value)
      target.set(key, { value, count: (target.get(key)?.count ?? 0) + count })
    }
  }
  const selectionCount = Math.max(0, ...[...byColumn.values()].map((counts) => counts.selectedTotal))
  const baselineCount = Math.max(0, ...[...byColumn.values()].map((counts) => counts.baselineTotal))
  const results: CompareResult['results'] = []
  for (const [column, counts] of byColumn) {
    const keys = [...new Set([...counts.selected.keys(), ...counts.baseline.keys()])]
    const values = keys.map((key) => ({
      value: (counts.selected.get(key) ?? counts.baseline.get(key))!.value,
      selected: counts.selected.get(key)?.count ?? 0,
      baseline: counts.baseline.get(key)?.count ?? 0,
    }))
    const shownSelected = values.reduce((sum, value) => sum + value.selected, 0)
    const shownBaseline = values.reduce((sum, value) => sum + value.baseline, 0)
    const otherSelected = Math.max(0, counts.selectedTotal - shownSelected)
    const otherBaseline = Math.max(0, counts.baselineTotal - shownBaseline)
    const missingSelected = Math.max(0, selectionCount - counts.selectedTotal)
    const missingBaseline = Math.max(0, baselineCount - counts.baselineTotal)
    const share = (count: number, total: number) => (total > 0 ? count / total : 0)
    const pairs: [number, number][] = [
      ...values.map((value): [number, number] => [value.selected, value.baseline]),
      [otherSelected, otherBaseline],
      [missingSelected, missingBaseline],
    ]
    const score =
      selectionCount > 0 && baselineCount > 0 ? pairs.reduce((sum, [s, b]) => sum + Math.abs(share(s, selectionCount) - share(b, baselineCount)), 0) / 2 : 0
    values.sort((a, b) => b.selected - a.selected || b.baseline - a.baseline || compareValues(a.value, b.value))
    results.push({ column, score, values, otherSelected, otherBaseline, missingSelected, missingBaseline })
  }
  results.sort((a, b) => b.score - a.score || (a.column < b.column ? -1 : 1))
  return { selection: { count: selectionCount }, baseline: { count: baselineCount }, results }
}

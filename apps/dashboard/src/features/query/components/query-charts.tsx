'use client'
// The Query page's charts (ECharts): loaded with next/dynamic by the page only, so no other page downloads them.
import { useQuery } from '@tanstack/react-query'
import { useMemo, useState, type FormEvent } from 'react'
import { ErrorState, Loading } from '../../common/components/states'
import {
  heatmapGrid,
  selectionToCompare,
  seriesCharts,
  type CompareSelection,
  type HeatmapGrid,
  type HeatmapSelection,
  type RunRange,
} from '../model/chart-data'
import type { QueryResult } from '../model/query-result'
import type { QuerySpec } from '../model/query-spec'
import { compareQuery, type CompareRequest } from '../queries'
import { CompareResults } from './compare-results'
import { HeatmapChart } from './heatmap-chart'
import styles from './query.module.css'
import { SeriesChart, type PointExamples } from './series-chart'

/** A value range typed instead of dragged (keyboard), over the whole time range. */
function ValueRangeForm({ grid, onCompare }: { grid: HeatmapGrid; onCompare: (selection: CompareSelection) => void }) {
  const [low, setLow] = useState('')
  const [high, setHigh] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const filters: CompareSelection['filters'] = []
    if (low.trim() !== '') filters.push({ column: grid.column, op: '>=', value: Number(low) })
    if (high.trim() !== '') filters.push({ column: grid.column, op: '<', value: Number(high) })
    if (filters.length > 0) onCompare({ start_time: Number.NaN, end_time: Number.NaN, filters })
  }
  return (
    <form className="filters" onSubmit={submit} aria-label={`Compare a range of ${grid.column}`}>
      <label>
        {grid.column} from
        <input type="number" step="any" value={low} onChange={(event) => setLow(event.target.value)} />
      </label>
      <label>
        below
        <input type="number" step="any" value={high} onChange={(event) => setHigh(event.target.value)} />
      </label>
      <button type="submit">Compare this range</button>
    </form>
  )
}

function HeatmapSection({
  grid,
  range,
  runSpec,
  utc,
  canCompare,
  onExamples,
}: {
  grid: HeatmapGrid
  range: RunRange
  runSpec: QuerySpec
  utc: boolean
  canCompare: boolean
  onExamples: (examples: PointExamples) => void
}) {
  const [selection, setSelection] = useState<HeatmapSelection | null>(null)
  const [compareBody, setCompareBody] = useState<CompareRequest | null>(null)
  const compare = useQuery(compareQuery(compareBody))
  const runCompare = (picked: CompareSelection) => {
    // a typed range (NaN times) covers the query's whole time range
    const times = Number.isNaN(picked.start_time) ? {} : { start_time: picked.start_time, end_time: picked.end_time }
    setCompareBody({ query: runSpec, selection: { ...times, filters: picked.filters } })
  }
  const onSelect = (picked: HeatmapSelection) => {
    if (!canCompare) return
    setSelection(picked)
    runCompare(selectionToCompare(grid, range, picked))
  }
  return (
    <section className={`panel ${styles.chartPanel}`} aria-labelledby={`heatmap-${grid.calculation}`} data-testid="heatmap-panel">
      <h3 id={`heatmap-${grid.calculation}`}>{grid.calculation}</h3>
      <p className="muted">
        {canCompare
          ? 'Drag across the heatmap to compare the spans in a region with the rest; click a cell for its example traces.'
          : 'Click a cell for its example traces. The trace source cannot compare a selection with the rest.'}
      </p>
      <HeatmapChart grid={grid} range={range} utc={utc} selection={selection} onSelect={onSelect} onCell={onExamples} />
      <details hidden={!canCompare}>
        <summary>Compare a range without dragging</summary>
        <ValueRangeForm grid={grid} onCompare={(picked) => (setSelection(null), runCompare(picked))} />
      </details>
      {compareBody === null ? null : (
        <>
          <h3>What is different in the selection</h3>
          {compare.isPending ? (
            <Loading what="the comparison" />
          ) : compare.isError ? (
            <ErrorState error={compare.error} what="Compare" onRetry={() => void compare.refetch()} />
          ) : (
            <CompareResults result={compare.data} />
          )}
        </>
      )}
    </section>
  )
}

/** A line chart per calculation (a line per group) and each heatmap, with Compare under its heatmap. */
export default function QueryCharts({
  result,
  range,
  runSpec,
  utc,
  canCompare,
  onExamples,
}: {
  result: QueryResult
  range: RunRange
  /** the spec as sent (absolute times): Compare's baseline */
  runSpec: QuerySpec
  utc: boolean
  /** whether the source answers Compare (heatmap selections) */
  canCompare: boolean
  onExamples: (examples: PointExamples) => void
}) {
  const charts = useMemo(() => seriesCharts(result, range), [result, range])
  const grids = useMemo(() => result.data.heatmaps.map((heatmap) => ({ heatmap, grid: heatmapGrid(heatmap, range) })), [result, range])
  return (
    <div className="grid-2" data-testid="query-charts">
      {charts.map((chart) => (
        <section key={chart.label} className={`panel ${styles.chartPanel}`} aria-labelledby={`chart-${chart.label}`} data-testid="series-chart">
          <h3 id={`chart-${chart.label}`}>{chart.label}</h3>
          <SeriesChart chart={chart} range={range} utc={utc} onPoint={onExamples} />
        </section>
      ))}
      {grids.map(({ heatmap, grid }) =>
        grid ? (
          <HeatmapSection key={heatmap.calculation} grid={grid} range={range} runSpec={runSpec} utc={utc} canCompare={canCompare} onExamples={onExamples} />
        ) : (
          <section key={heatmap.calculation} className="panel">
            <h3>{heatmap.calculation}</h3>
            <p className="muted">No span in the range has a numeric value in {heatmap.column}.</p>
          </section>
        ),
      )}
    </div>
  )
}

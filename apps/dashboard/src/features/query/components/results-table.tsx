'use client'
import Link from 'next/link'
import { useMemo, useState } from 'react'
import type { QueryResult, ResultValue } from '../model/query-result'
import { calculationLabel } from '../model/query-spec'
import styles from './query.module.css'

const MAX_EXAMPLES = 3

interface Sort {
  column: string
  descending: boolean
}

function compareValues(a: ResultValue, b: ResultValue): number {
  if (a === b) return 0
  // no value sorts last either way round
  if (a === null) return 1
  if (b === null) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b))
}

const cellText = (value: ResultValue | undefined) =>
  value === null || value === undefined ? '(none)' : typeof value === 'number' && !Number.isInteger(value) ? value.toPrecision(4) : String(value)

/** The totals: a row per group (breakdown values, then calculations), sortable by any column, with example traces. */
export function ResultsTable({ result }: { result: QueryResult }) {
  const breakdowns = useMemo(() => result.query.breakdowns ?? [], [result])
  const calculations = useMemo(() => result.query.calculations.filter((calculation) => calculation.op !== 'HEATMAP').map(calculationLabel), [result])
  // the server's order (ORDER BY) until a heading is clicked
  const [sort, setSort] = useState<Sort | null>(null)
  const rows = useMemo(() => {
    if (!sort) return result.data.results
    const sorted = [...result.data.results].sort((a, b) => compareValues(a.data[sort.column] ?? null, b.data[sort.column] ?? null))
    if (sort.descending) sorted.reverse()
    return sorted
  }, [result, sort])

  const heading = (column: string, numeric: boolean) => {
    const active = sort?.column === column
    return (
      <th key={column} className={numeric ? 'num' : undefined} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'} scope="col">
        <button
          type="button"
          className={styles.sortButton}
          onClick={() => setSort({ column, descending: active ? !sort.descending : numeric })}
          title={`Sort by ${column}`}
        >
          <span className="break-anywhere">{column}</span>
          {active ? (sort.descending ? ' ↓' : ' ↑') : ''}
        </button>
      </th>
    )
  }

  return (
    <div className="table-scroll">
      <table className="data" data-testid="query-results-table">
        <caption className="visually-hidden">Query results, a row per group</caption>
        <thead>
          <tr>
            {breakdowns.map((column) => heading(column, false))}
            {calculations.map((label) => heading(label, true))}
            <th scope="col">Example traces</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {breakdowns.map((column) => (
                <td key={column}>
                  <span className="break-anywhere">{cellText(row.data[column])}</span>
                </td>
              ))}
              {calculations.map((label) => (
                <td key={label} className="num">
                  {cellText(row.data[label])}
                </td>
              ))}
              <td>
                <span className="row" style={{ gap: 6 }}>
                  {row.exampleTraceIds.slice(0, MAX_EXAMPLES).map((traceId) => (
                    <Link key={traceId} href={`/traces/${traceId}`} className="mono" title={traceId}>
                      {traceId.slice(0, 8)}
                    </Link>
                  ))}
                  {row.exampleTraceIds.length === 0 ? <span className="muted">–</span> : null}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

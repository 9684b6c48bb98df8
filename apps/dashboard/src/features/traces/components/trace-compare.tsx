'use client'
import Link from 'next/link'
import { useMemo, useState } from 'react'
import { formatDuration } from '../../waterfall/model/time-layout'
import type { CompareChange, CompareRow, TraceComparison } from '../model/compare-traces'
import styles from './trace-compare.module.css'

/** More rows than this are not drawn (a note says so): a 20,000-span pair would otherwise be 20,000 DOM rows. */
export const DEFAULT_COMPARE_ROW_CAP = 2_000
/** Indentation stops growing here (10,000-deep chains exist); the depth is in the row's title. */
const MAX_INDENT_DEPTH = 24

const CHANGE_LABELS: Record<CompareChange, string> = {
  added: 'only in B',
  removed: 'only in A',
  slower: 'slower in B',
  faster: 'faster in B',
  same: 'about the same',
}

export function formatDeltaMs(deltaMs: number | null): string {
  if (deltaMs === null) return '–'
  if (deltaMs === 0) return '0ms'
  return `${deltaMs > 0 ? '+' : '−'}${formatDuration(Math.abs(deltaMs))}`
}

export function formatDeltaPercent(deltaPercent: number | null): string {
  if (deltaPercent === null) return '–'
  const rounded = Math.round(deltaPercent * 10) / 10
  if (rounded === 0) return '0%'
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)}%`
}

export function TraceCompare({ comparison, rowCap = DEFAULT_COMPARE_ROW_CAP }: { comparison: TraceComparison; rowCap?: number }) {
  const { summary } = comparison
  const [changesOnly, setChangesOnly] = useState(false)
  const rows = useMemo(() => (changesOnly ? comparison.rows.filter((row) => row.change !== 'same') : comparison.rows), [comparison, changesOnly])
  const shown = rows.length > rowCap ? rows.slice(0, rowCap) : rows
  return (
    <>
      <dl className={styles.traceIds}>
        <dt>A</dt>
        <dd style={{ margin: 0, minWidth: 0 }}>
          <Link href={`/traces/${comparison.traceIdA}`}>{comparison.traceIdA}</Link>
        </dd>
        <dt>B</dt>
        <dd style={{ margin: 0, minWidth: 0 }}>
          <Link href={`/traces/${comparison.traceIdB}`}>{comparison.traceIdB}</Link>
        </dd>
      </dl>
      <section className={styles.summary} aria-label="Comparison summary" data-testid="compare-summary">
        <div data-testid="summary-only-a">
          <span className="muted">only in A</span>
          <strong>{summary.onlyInA}</strong>
        </div>
        <div data-testid="summary-only-b">
          <span className="muted">only in B</span>
          <strong>{summary.onlyInB}</strong>
        </div>
        <div data-testid="summary-matched">
          <span className="muted">matched</span>
          <strong>{summary.matched}</strong>
        </div>
        <div data-testid="summary-duration">
          <span className="muted">total duration A → B</span>
          <strong>
            {formatDuration(summary.durationMsA)} → {formatDuration(summary.durationMsB)}
          </strong>
          <span>
            {formatDeltaMs(summary.deltaMs)} ({formatDeltaPercent(summary.deltaPercent)})
          </span>
        </div>
      </section>
      <div className={styles.legend}>
        {(['added', 'removed', 'slower', 'faster'] as const).map((change) => (
          <span key={change}>
            <span className={`${styles.swatch} ${styles[`${change}Swatch`]}`} aria-hidden="true" />
            {CHANGE_LABELS[change]}
          </span>
        ))}
        <span className="spacer" />
        <label>
          <input type="checkbox" checked={changesOnly} onChange={(event) => setChangesOnly(event.target.checked)} /> Only differences
        </label>
      </div>
      {rows.length > rowCap ? (
        <p className="muted" role="note" data-testid="compare-cap-note">
          Showing the first {rowCap.toLocaleString('en')} of {rows.length.toLocaleString('en')} rows
          {changesOnly ? '' : ': tick "Only differences" to see fewer'}.
        </p>
      ) : null}
      <div className={styles.rows} role="table" aria-label="Spans of both traces" data-testid="compare-rows">
        <div className={`${styles.row} ${styles.header}`} role="row">
          <span className={styles.name} role="columnheader">
            span
          </span>
          <span className={styles.service} role="columnheader">
            service
          </span>
          <span className={styles.number} role="columnheader">
            A
          </span>
          <span className={styles.number} role="columnheader">
            B
          </span>
          <span className={styles.number} role="columnheader">
            Δ
          </span>
          <span className={styles.number} role="columnheader">
            Δ %
          </span>
        </div>
        {shown.map((row, index) => (
          <CompareRowView key={index} row={row} />
        ))}
        {rows.length === 0 ? (
          <p className="muted" style={{ padding: 8, margin: 0 }}>
            {changesOnly ? 'No differences beyond timing noise.' : 'Both traces are empty.'}
          </p>
        ) : null}
      </div>
    </>
  )
}

function CompareRowView({ row }: { row: CompareRow }) {
  const label = CHANGE_LABELS[row.change]
  return (
    <div className={`${styles.row} ${row.change === 'same' ? '' : styles[row.change]}`} role="row" data-testid="compare-row" data-change={row.change}>
      <span
        className={styles.name}
        role="cell"
        title={`${row.name} (depth ${row.depth}, ${label})`}
        style={{ paddingLeft: Math.min(row.depth, MAX_INDENT_DEPTH) * 12 }}
      >
        {row.name}
        <span className="visually-hidden"> ({label})</span>
      </span>
      <span className={styles.service} role="cell" title={row.serviceName}>
        {row.serviceName}
      </span>
      <span className={styles.number} role="cell" data-testid="duration-a">
        {row.a ? formatDuration(row.a.durationMs) : '–'}
      </span>
      <span className={styles.number} role="cell" data-testid="duration-b">
        {row.b ? formatDuration(row.b.durationMs) : '–'}
      </span>
      <span className={`${styles.number} ${styles.delta}`} role="cell" data-testid="delta-ms">
        {formatDeltaMs(row.deltaMs)}
      </span>
      <span className={`${styles.number} ${styles.delta}`} role="cell" data-testid="delta-percent">
        {formatDeltaPercent(row.deltaPercent)}
      </span>
    </div>
  )
}

import type { CompareColumn, CompareResult, ResultValue } from '../model/query-result'
import styles from './query.module.css'

const MAX_VALUES = 8
const MAX_COLUMNS = 12

const share = (count: number, total: number) => (total > 0 ? count / total : 0)
const percent = (fraction: number) => `${(fraction * 100).toFixed(fraction > 0 && fraction < 0.01 ? 1 : 0)}%`
const valueText = (value: ResultValue) => (value === null ? '(none)' : String(value))

/** One value's share in the selection and in the baseline, as two bars side by side. */
function ShareBars({ label, selected, baseline, totals }: { label: string; selected: number; baseline: number; totals: CompareResult }) {
  const selectedShare = share(selected, totals.selection.count)
  const baselineShare = share(baseline, totals.baseline.count)
  return (
    <tr>
      <th scope="row" className={styles.compareValue}>
        <span className="truncate" title={label}>
          {label}
        </span>
      </th>
      <td className={styles.compareBars}>
        <div className={styles.barLine} title={`${selected} of ${totals.selection.count} selected spans`}>
          <span className={styles.barTrack}>
            <span className={`${styles.bar} ${styles.barSelected}`} style={{ width: percent(selectedShare) }} />
          </span>
          <span className={styles.barText}>{percent(selectedShare)}</span>
        </div>
        <div className={styles.barLine} title={`${baseline} of ${totals.baseline.count} baseline spans`}>
          <span className={styles.barTrack}>
            <span className={`${styles.bar} ${styles.barBaseline}`} style={{ width: percent(baselineShare) }} />
          </span>
          <span className={styles.barText}>{percent(baselineShare)}</span>
        </div>
      </td>
    </tr>
  )
}

function CompareColumnView({ column, totals }: { column: CompareColumn; totals: CompareResult }) {
  return (
    <section className="panel" data-testid="compare-column" data-column={column.column}>
      <h3 className="row">
        <span className="truncate" title={column.column}>
          {column.column}
        </span>
        <span className="spacer" />
        <span className="muted">score {column.score.toFixed(2)}</span>
      </h3>
      <table className={`data ${styles.compareTable}`}>
        <caption className="visually-hidden">Share of each value of {column.column}: selection, then baseline</caption>
        <tbody>
          {column.values.slice(0, MAX_VALUES).map((value, index) => (
            <ShareBars key={index} label={valueText(value.value)} selected={value.selected} baseline={value.baseline} totals={totals} />
          ))}
          {column.otherSelected + column.otherBaseline > 0 ? (
            <ShareBars label="(other values)" selected={column.otherSelected} baseline={column.otherBaseline} totals={totals} />
          ) : null}
          {column.missingSelected + column.missingBaseline > 0 ? (
            <ShareBars label="(no value)" selected={column.missingSelected} baseline={column.missingBaseline} totals={totals} />
          ) : null}
        </tbody>
      </table>
    </section>
  )
}

/** Compare's answer: the attributes that differ most between the selection and the rest, highest score first. */
export function CompareResults({ result }: { result: CompareResult }) {
  if (result.selection.count === 0) return <p className="muted">No span in the selection: select a region with coloured cells.</p>
  return (
    <div data-testid="compare-results">
      <p className="row">
        <span className={styles.legendSelected} /> selection ({result.selection.count} spans)
        <span className={styles.legendBaseline} /> baseline, the rest of the query ({result.baseline.count} spans)
      </p>
      {result.baseline.sampledSpans !== undefined ? (
        <p className="muted" data-testid="compare-sampled">
          The baseline&apos;s shares are estimated from a sample of {result.baseline.sampledSpans} of its spans; the selection was read whole.
        </p>
      ) : null}
      {result.results.length === 0 ? <p className="muted">No attribute differs between the selection and the baseline.</p> : null}
      <div className={styles.compareGrid}>
        {result.results.slice(0, MAX_COLUMNS).map((column) => (
          <CompareColumnView key={column.column} column={column} totals={result} />
        ))}
      </div>
    </div>
  )
}

import { COMPARE_PATH } from '../model/compare-params'
import styles from './trace-compare.module.css'

// Plain GET forms to /traces/compare: they work before (and without) the page's scripts.

/** The compare page's own form: both trace ids. */
export function CompareForm({ a, b }: { a: string; b: string }) {
  return (
    <form action={COMPARE_PATH} method="get" className={styles.form} aria-label="Compare two traces">
      <label>
        Trace A <input name="a" defaultValue={a} placeholder="32 hex digits" spellCheck={false} autoComplete="off" required />
      </label>
      <label>
        Trace B <input name="b" defaultValue={b} placeholder="32 hex digits" spellCheck={false} autoComplete="off" required />
      </label>
      <button type="submit">Compare</button>
    </form>
  )
}

/** On a trace's page: compare this trace (A) with another one (B). */
export function CompareWithForm({ traceId }: { traceId: string }) {
  return (
    <form action={COMPARE_PATH} method="get" className={styles.compareWith} aria-label="Compare with another trace">
      <input type="hidden" name="a" value={traceId} />
      <label>
        <span className="visually-hidden">Trace id to compare with</span>
        <input name="b" placeholder="another trace id" spellCheck={false} autoComplete="off" required />
      </label>
      <button type="submit">Compare with…</button>
    </form>
  )
}

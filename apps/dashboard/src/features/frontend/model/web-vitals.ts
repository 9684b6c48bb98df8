// Google's Core Web Vitals thresholds (web.dev/articles/vitals, and the `web-vitals` library's `*Thresholds`): a
// value at or under `goodMaxValue` is good, one over `poorAboveValue` poor, anything between needs improvement. The
// same thresholds rate the p75 of a route, as Google rates a page by the 75th percentile of its page loads.

export type VitalName = 'LCP' | 'INP' | 'CLS' | 'FCP' | 'TTFB'
export type VitalRating = 'good' | 'needs-improvement' | 'poor'

export interface VitalDefinition {
  name: VitalName
  title: string
  /** ms, except CLS (a unitless score) */
  unit: 'ms' | 'score'
  goodMaxValue: number
  poorAboveValue: number
}

export const WEB_VITALS: readonly VitalDefinition[] = [
  { name: 'LCP', title: 'Largest Contentful Paint', unit: 'ms', goodMaxValue: 2500, poorAboveValue: 4000 },
  { name: 'INP', title: 'Interaction to Next Paint', unit: 'ms', goodMaxValue: 200, poorAboveValue: 500 },
  { name: 'CLS', title: 'Cumulative Layout Shift', unit: 'score', goodMaxValue: 0.1, poorAboveValue: 0.25 },
  { name: 'FCP', title: 'First Contentful Paint', unit: 'ms', goodMaxValue: 1800, poorAboveValue: 3000 },
  { name: 'TTFB', title: 'Time to First Byte', unit: 'ms', goodMaxValue: 800, poorAboveValue: 1800 },
]

/**
 * How spans spell the vitals in `browser.web_vital.name`: the browser package writes them lowercase (`lcp`), as
 * web-vitals' own `name` is upper case (`LCP`), which other SDKs may send; both are read.
 */
export const VITAL_NAME_SPELLINGS: readonly string[] = WEB_VITALS.flatMap((vital) => [vital.name.toLowerCase(), vital.name])

/** The words shown with every rating: colour alone says nothing to some readers. */
export const RATING_TEXT: Record<VitalRating, string> = { good: 'good', 'needs-improvement': 'needs improvement', poor: 'poor' }

/** The vital a `browser.web_vital.name` value names, in either spelling. */
export function vitalDefinition(name: string): VitalDefinition | undefined {
  const upper = name.toUpperCase()
  return WEB_VITALS.find((vital) => vital.name === upper)
}

export function rateVital(vital: VitalDefinition, value: number): VitalRating {
  if (value <= vital.goodMaxValue) return 'good'
  return value > vital.poorAboveValue ? 'poor' : 'needs-improvement'
}

/** `2,480 ms`, or a CLS score to three decimals (`0.143`). */
export function formatVitalValue(vital: VitalDefinition, value: number): string {
  if (vital.unit === 'score') return value.toFixed(3)
  return `${Math.round(value).toLocaleString('en-US')} ms`
}

import { parseTraceId } from './trace-id'

/** The page that compares two traces: `/traces/compare?a=<traceId>&b=<traceId>`. */
export const COMPARE_PATH = '/traces/compare'

export type CompareParams =
  | { kind: 'empty'; a: string; b: string }
  | { kind: 'invalid'; a: string; b: string; problems: string[] }
  | { kind: 'ok'; a: string; b: string }

/**
 * Reads `a` and `b` from the page's query. Neither given: the page shows its form. One missing or malformed: the
 * page says which (and the status is 400). Ids come back lowercase.
 */
export function parseCompareParams(params: { get(name: string): string | null }): CompareParams {
  const rawA = params.get('a')?.trim() ?? ''
  const rawB = params.get('b')?.trim() ?? ''
  if (rawA === '' && rawB === '') return { kind: 'empty', a: '', b: '' }
  const problems: string[] = []
  const a = parseTraceId(rawA)
  const b = parseTraceId(rawB)
  if (!a.ok) problems.push(rawA === '' ? 'a: the first trace id is missing' : 'a: must be 32 hex digits, not all zero')
  if (!b.ok) problems.push(rawB === '' ? 'b: the second trace id is missing' : 'b: must be 32 hex digits, not all zero')
  if (!a.ok || !b.ok) return { kind: 'invalid', a: rawA, b: rawB, problems }
  return { kind: 'ok', a: a.value, b: b.value }
}

export const compareHref = (a: string, b: string) => `${COMPARE_PATH}?${new URLSearchParams({ a, b })}`

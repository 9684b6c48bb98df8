import type { TraceSummary } from './trace-model'

/**
 * A trace whose every error is an HTTP 4xx answer: a request refused as designed (validation, not found), which the
 * overview lists below server errors, exceptions and network failures. False when the source does not say.
 */
export function hasOnlyClientErrors(trace: Pick<TraceSummary, 'errorCount' | 'clientErrorCount'>): boolean {
  return trace.errorCount !== null && trace.errorCount > 0 && trace.clientErrorCount === trace.errorCount
}

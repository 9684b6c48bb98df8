import type { ReactNode } from 'react'
import { ApiError } from '../api-client'

export function Loading({ what }: { what: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      Loading {what}…
    </div>
  )
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state">
      <h2>{title}</h2>
      {children}
    </div>
  )
}

/** What to do about a 502, by its code; never names one source: the message above it names the configured one. */
export const UPSTREAM_ADVICE: Record<string, string> = {
  upstream_unreachable: 'Start the source named above, or fix its URL in the dashboard configuration (see its README), then retry.',
  upstream_error: 'The source named above refused or failed the request: check its token in the dashboard configuration and the search, then retry.',
  upstream_bad_response: 'The source named above answered in a shape the dashboard does not read: check that its version is supported (see the README).',
}

/** What went wrong and what to do about it, by the kind of failure. */
export function adviceFor(error: unknown): { title: string; advice: string } {
  if (error instanceof ApiError) {
    if (error.status === 0) return { title: 'The dashboard server is not answering', advice: 'Check that the dashboard is running (npm start), then retry.' }
    if (error.status === 400) return { title: 'The request was not valid', advice: 'Fix the highlighted input and try again.' }
    if (error.status === 404) return { title: 'Not found', advice: 'It may not have arrived yet, or retention has removed it.' }
    if (error.status === 504) return { title: 'The data source is too slow to answer', advice: 'Try a narrower search or retry in a moment.' }
    // the message names the configured source (the trace store, Jaeger, Tempo, Rollbar) and, when unreachable, how to reach it
    if (error.status === 502) return { title: 'The data source could not be used', advice: UPSTREAM_ADVICE[error.code] ?? UPSTREAM_ADVICE.upstream_error! }
    if (error.status === 500) return { title: 'The dashboard failed', advice: 'See the dashboard server log for the reason.' }
  }
  return { title: 'Something went wrong', advice: 'Retry; if it keeps failing, see the dashboard server log.' }
}

export function ErrorState({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what: string }) {
  const { title, advice } = adviceFor(error)
  return (
    <div className="state error" role="alert">
      <h2>
        {title} ({what})
      </h2>
      <p>{error instanceof Error ? error.message : String(error)}</p>
      <p className="muted">{advice}</p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  )
}

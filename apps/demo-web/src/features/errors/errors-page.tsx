import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError, callFailingEndpoint } from '../../api/api-client.js'
import { UNTRACED_ORIGIN_URL } from '../../config.js'
import { tracing } from '../../tracing.js'

export const THROWN_ERROR_MESSAGE = 'The demo click handler exploded'

export function ErrorsPage() {
  const failing = useMutation({ mutationKey: ['demo', 'fail'], mutationFn: callFailingEndpoint, meta: { spanName: 'demo fail' } })
  const [healthStatus, setHealthStatus] = useState<string | null>(null)
  const checkStoreHealth = async () => {
    try {
      const response = await fetch(UNTRACED_ORIGIN_URL)
      setHealthStatus(`store answered ${response.status}`)
    } catch {
      setHealthStatus('store unreachable')
    }
  }
  return (
    <section aria-labelledby="errors-heading">
      <h2 id="errors-heading">Make something go wrong</h2>
      <p>Each button produces an error report whose trace you can open in the dashboard.</p>
      <button
        type="button"
        onClick={() =>
          // The package has no click instrumentation: a handler that matters starts its own span (README).
          tracing.tracer.startActiveSpan('click throw-button', (span) => {
            try {
              throw new TypeError(THROWN_ERROR_MESSAGE)
            } finally {
              span.end()
            }
          })
        }
      >
        Throw in a click handler
      </button>
      <button type="button" onClick={() => failing.mutate()} disabled={failing.isPending}>
        Call the failing endpoint
      </button>
      {failing.error && (
        <p role="alert">
          The API failed: {failing.error.message}
          {failing.error instanceof ApiError && failing.error.traceId && <> (trace {failing.error.traceId})</>}
        </p>
      )}
      <button type="button" onClick={() => void checkStoreHealth()}>
        Check the store (an origin that gets no trace headers)
      </button>
      {healthStatus && <p role="status">{healthStatus}</p>}
    </section>
  )
}

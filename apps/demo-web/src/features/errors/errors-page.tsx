import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError, callFailingEndpoint } from '../../api/api-client.js'
import { UNTRACED_ORIGIN_URL } from '../../config.js'

export const THROWN_ERROR_MESSAGE = 'The demo click handler exploded'
/** How long the jank button keeps the main thread busy: well over the 50 ms that make a long animation frame. */
const BLOCKING_MS = 200

/** Keeps the main thread busy for `durationMs`, as a heavy render or parse would. */
function blockMainThread(durationMs: number): void {
  const endMs = performance.now() + durationMs
  while (performance.now() < endMs) {
    // busy on purpose
  }
}

export function ErrorsPage() {
  const failing = useMutation({ mutationKey: ['demo', 'fail'], mutationFn: callFailingEndpoint, meta: { spanName: 'demo fail' } })
  const [healthStatus, setHealthStatus] = useState<string | null>(null)
  const [blockedCount, setBlockedCount] = useState(0)
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
      <p>Each button produces an error report or a slow frame whose trace you can open in the dashboard.</p>
      {/* the error escapes while the click's interaction span (traceInteractions) is active: the Rollbar item and the
          exception are recorded in that trace */}
      <button
        type="button"
        onClick={() => {
          throw new TypeError(THROWN_ERROR_MESSAGE)
        }}
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
      {/* traceLongFrames records the frame this blocks as a child of the click's span, naming the handler */}
      <button
        type="button"
        onClick={() => {
          blockMainThread(BLOCKING_MS)
          setBlockedCount((count) => count + 1)
        }}
      >
        Block the main thread for {BLOCKING_MS} ms
      </button>
      {blockedCount > 0 && <p role="log">Blocked {blockedCount === 1 ? 'once' : `${blockedCount} times`}.</p>}
    </section>
  )
}

'use client'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { ApiError } from '../../../features/common/api-client'
import { ErrorState, Loading } from '../../../features/common/components/states'
import { TraceCompare } from '../../../features/traces/components/trace-compare'
import { compareTraces } from '../../../features/traces/model/compare-traces'
import { traceOutlineQuery } from '../../../features/traces/queries'

/** Loads both traces' outlines (the same requests as the trace page) and shows them merged. */
export function CompareClient({ a, b }: { a: string; b: string }) {
  const traceA = useQuery(traceOutlineQuery(a))
  const traceB = useQuery(traceOutlineQuery(b))
  const comparison = useMemo(() => (traceA.data && traceB.data ? compareTraces(traceA.data, traceB.data) : null), [traceA.data, traceB.data])
  for (const [label, trace, traceId] of [
    ['A', traceA, a],
    ['B', traceB, b],
  ] as const) {
    if (!trace.isError) continue
    if (trace.error instanceof ApiError && trace.error.status === 404) {
      return (
        <div className="state" role="alert">
          <h2>Trace {label} not found</h2>
          <p>{trace.error.message}.</p>
          <p className="muted">{traceId}: spans may still be on their way (exporters batch for a few seconds), or retention removed the trace.</p>
          <button type="button" onClick={() => void trace.refetch()}>
            Retry
          </button>
        </div>
      )
    }
    return <ErrorState error={trace.error} what={`trace ${label}`} onRetry={() => void trace.refetch()} />
  }
  if (!comparison) return <Loading what="both traces" />
  return <TraceCompare comparison={comparison} />
}

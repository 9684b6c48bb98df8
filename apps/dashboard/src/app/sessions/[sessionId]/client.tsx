'use client'
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { useMemo } from 'react'
import { ErrorState, Loading } from '../../../features/common/components/states'
import { AbsoluteTime } from '../../../features/common/components/time-zone'
import { SessionTimelineChart } from '../../../features/sessions/components/session-timeline-chart'
import { sessionTimeline, type SessionData } from '../../../features/sessions/model/session-timeline'
import { sessionQuery } from '../../../features/sessions/queries'

export function SessionClient({ sessionId }: { sessionId: string }) {
  const session = useQuery(sessionQuery(sessionId))
  return (
    <>
      <h1 className="break-anywhere">
        Session <span className="mono">{sessionId}</span>
      </h1>
      {session.isPending ? (
        <Loading what={`session ${sessionId}`} />
      ) : session.isError ? (
        <ErrorState error={session.error} what="session" onRetry={() => void session.refetch()} />
      ) : (
        <SessionView data={session.data} />
      )}
    </>
  )
}

function SessionView({ data }: { data: SessionData }) {
  const traces = data.traces.ok ? data.traces.traces : []
  const occurrences = data.occurrences.ok ? data.occurrences.occurrences : []
  const timeline = useMemo(() => sessionTimeline(data.traces.ok ? data.traces.traces : [], data.occurrences.ok ? data.occurrences.occurrences : []), [data])
  return (
    <>
      <p className="muted" data-testid="session-summary">
        {data.traces.ok ? `${traces.length}${data.traces.truncated ? '+ (the newest)' : ''} trace${traces.length === 1 ? '' : 's'}` : 'traces unavailable'}
        {' · '}
        {data.occurrences.ok ? `${occurrences.length} Rollbar occurrence${occurrences.length === 1 ? '' : 's'}` : 'Rollbar occurrences unavailable'}
      </p>
      {data.traces.ok ? null : (
        <p className="error-text" role="status" data-testid="session-traces-unavailable">
          Traces: {data.traces.reason}.
        </p>
      )}
      {data.occurrences.ok ? null : (
        <p className="error-text" role="status" data-testid="session-occurrences-unavailable">
          Rollbar occurrences: {data.occurrences.reason}.
        </p>
      )}
      {timeline.bars.length + timeline.markers.length === 0 ? (
        <p className="muted">Nothing of this session was found.</p>
      ) : (
        <SessionTimelineChart timeline={timeline} />
      )}
      {occurrences.length > 0 ? (
        <>
          <h2>Rollbar occurrences</h2>
          <div className="table-scroll">
            <table className="data" data-testid="session-occurrences">
              <caption className="visually-hidden">The session&apos;s Rollbar occurrences, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Level</th>
                  <th scope="col">Item</th>
                  <th scope="col">Trace</th>
                </tr>
              </thead>
              <tbody>
                {timeline.markers.map(({ occurrence }) => (
                  <tr key={occurrence.occurrenceId} data-occurrence-id={occurrence.occurrenceId}>
                    <td className="nowrap">
                      <AbsoluteTime ms={occurrence.timestampSec * 1000} />
                    </td>
                    <td>
                      <span className={`badge ${occurrence.level}`}>{occurrence.level}</span>
                    </td>
                    <td>
                      <Link href={`/errors/${occurrence.itemId}`} className="truncate" style={{ minWidth: '18ch' }} title={occurrence.title}>
                        {occurrence.title}
                      </Link>
                    </td>
                    <td>
                      {occurrence.traceId ? (
                        <Link href={`/traces/${occurrence.traceId}${occurrence.spanId ? `?span=${occurrence.spanId}` : ''}`} className="mono">
                          {occurrence.traceId.slice(0, 8)}…
                        </Link>
                      ) : (
                        <span className="muted">–</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  )
}

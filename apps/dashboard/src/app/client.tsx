'use client'
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { useMemo, useState } from 'react'
import { Empty, ErrorState, Loading } from '../features/common/components/states'
import { useUtc } from '../features/common/components/time-zone'
import { formatTimeTick } from '../features/common/model/format'
import { ItemsTable } from '../features/errors/components/items-table'
import { itemsQuery } from '../features/errors/queries'
import { NoTracesAdvice, SearchedServicesNote } from '../features/traces/components/trace-source-notes'
import { TraceTable } from '../features/traces/components/trace-table'
import { hasOnlyClientErrors } from '../features/traces/model/error-severity'
import { recentTracesQuery } from '../features/traces/queries'

const RECENT_LIMIT = 10
const ERROR_WINDOW_MS = 60 * 60_000
/** how many of the last hour's errored traces are looked at for those with HTTP 4xx answers only */
const CLIENT_ERROR_SCAN_LIMIT = 50

export function OverviewClient() {
  const [live, setLive] = useState(true)
  const utc = useUtc()
  // the error-trace window is fixed when the page opens; the live refresh re-runs the same query
  const [openedAt] = useState(() => Date.now())
  // Errors that matter first: server errors, exceptions and network failures; traces whose only errors are HTTP 4xx
  // answers (refused as designed) are listed apart, folded (see the store README, "What counts as an error").
  const errorParams = useMemo(() => {
    const since = { startFromMs: String(openedAt - ERROR_WINDOW_MS) }
    return {
      severe: new URLSearchParams({ errorsOnly: 'severe', ...since, limit: String(RECENT_LIMIT) }).toString(),
      any: new URLSearchParams({ errorsOnly: 'true', ...since, limit: String(CLIENT_ERROR_SCAN_LIMIT) }).toString(),
    }
  }, [openedAt])
  const recent = useQuery(recentTracesQuery(`limit=${RECENT_LIMIT}`, live))
  const errorTraces = useQuery(recentTracesQuery(errorParams.severe, live))
  const anyErrorTraces = useQuery(recentTracesQuery(errorParams.any, live))
  const clientErrorTraces = anyErrorTraces.data?.traces.filter(hasOnlyClientErrors) ?? []
  const recentItems = useQuery(itemsQuery('', live))
  const activeItems = useQuery(itemsQuery('status=active&level=error&level=critical', live))
  const updatedAt = Math.max(recent.dataUpdatedAt, recentItems.dataUpdatedAt)

  return (
    <>
      <div className="row" style={{ marginBottom: 12 }}>
        <button type="button" onClick={() => setLive(!live)} aria-pressed={!live}>
          {live ? 'Pause live updates' : 'Resume live updates'}
        </button>
        <span className="muted" aria-live="off">
          {live ? 'Refreshing every 5 s' : 'Paused'}
          {updatedAt > 0 ? ` · updated ${formatTimeTick(updatedAt, 'second', utc)}${utc ? ' UTC' : ''}` : ''}
        </span>
        <span className="spacer" />
        <Link href="/query">Ask the traces a question (Query)</Link>
      </div>
      <h2>What is wrong right now</h2>
      <div className="grid-2">
        <section className="panel" aria-labelledby="error-traces">
          <h2 id="error-traces">Traces with errors (last hour)</h2>
          <p className="muted">Server errors, exceptions and network failures.</p>
          {errorTraces.isPending ? (
            <Loading what="error traces" />
          ) : errorTraces.isError ? (
            <ErrorState error={errorTraces.error} what="error traces" onRetry={() => void errorTraces.refetch()} />
          ) : errorTraces.data.traces.length === 0 ? (
            <p className="muted">No server error, exception or network failure in the last hour.</p>
          ) : (
            <TraceTable traces={errorTraces.data.traces} caption="Traces with errors" />
          )}
          {clientErrorTraces.length > 0 ? (
            <details className="client-errors">
              <summary>
                {clientErrorTraces.length} with HTTP 4xx answers only
                {anyErrorTraces.data?.nextCursor ? ` (among the latest ${CLIENT_ERROR_SCAN_LIMIT} errored traces)` : ''}
              </summary>
              <TraceTable traces={clientErrorTraces.slice(0, RECENT_LIMIT)} caption="Traces with HTTP 4xx answers only" />
            </details>
          ) : null}
        </section>
        <section className="panel" aria-labelledby="active-items">
          <h2 id="active-items">Active Rollbar items (error, critical)</h2>
          {activeItems.isPending ? (
            <Loading what="active items" />
          ) : activeItems.isError ? (
            <ErrorState error={activeItems.error} what="active items" onRetry={() => void activeItems.refetch()} />
          ) : activeItems.data.items.length === 0 ? (
            <p className="muted">No active error or critical items.</p>
          ) : (
            <ItemsTable items={activeItems.data.items.slice(0, RECENT_LIMIT)} caption="Active Rollbar items" />
          )}
        </section>
      </div>
      <h2>Most recent</h2>
      <div className="grid-2">
        <section className="panel" aria-labelledby="recent-traces">
          <h2 id="recent-traces">
            Recent traces <Link href="/traces">(search)</Link>
          </h2>
          {recent.isPending ? (
            <Loading what="recent traces" />
          ) : recent.isError ? (
            <ErrorState error={recent.error} what="recent traces" onRetry={() => void recent.refetch()} />
          ) : recent.data.traces.length === 0 ? (
            <Empty title="No traces yet">
              <NoTracesAdvice page={recent.data}>
                <p>
                  Run the demo (<code>npm start</code>) or point an OpenTelemetry OTLP/HTTP exporter at the trace store&apos;s <code>/v1/traces</code>.
                </p>
              </NoTracesAdvice>
            </Empty>
          ) : (
            <>
              <SearchedServicesNote page={recent.data} />
              <TraceTable traces={recent.data.traces} caption="Recent traces" />
            </>
          )}
        </section>
        <section className="panel" aria-labelledby="recent-items">
          <h2 id="recent-items">
            Recent Rollbar items <Link href="/errors">(all)</Link>
          </h2>
          {recentItems.isPending ? (
            <Loading what="Rollbar items" />
          ) : recentItems.isError ? (
            <ErrorState error={recentItems.error} what="Rollbar items" onRetry={() => void recentItems.refetch()} />
          ) : recentItems.data.items.length === 0 ? (
            <Empty title="No Rollbar items yet">
              <p>
                Report errors with the rollbar package pointed at the trace store&apos;s Rollbar API, or configure ROLLBAR_READ_TOKEN to read your Rollbar
                project.
              </p>
            </Empty>
          ) : (
            <ItemsTable items={recentItems.data.items.slice(0, RECENT_LIMIT)} caption="Recent Rollbar items" />
          )}
        </section>
      </div>
    </>
  )
}

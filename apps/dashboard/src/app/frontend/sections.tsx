import type { ReactNode } from 'react'
import { InteractionsTable } from '../../features/frontend/components/interactions-table'
import { RoutesTable } from '../../features/frontend/components/routes-table'
import { SessionsTable } from '../../features/frontend/components/sessions-table'
import { VitalsTable } from '../../features/frontend/components/vitals-table'
import type { FrontendRange, TimeWindow } from '../../features/frontend/model/frontend-params'
import {
  documentLoadsSpec,
  errorsSpec,
  navigationsSpec,
  sessionsSpec,
  SLOWEST_INTERACTIONS,
  slowestInteractionsSpec,
  vitalsOverTimeSpec,
  vitalsSpec,
} from '../../features/frontend/model/frontend-specs'
import { routeLoadRows, sessionRows, slowestInteractionRows, vitalLines, vitalRouteRows } from '../../features/frontend/model/frontend-tables'
import { runByRoute, runQuery } from '../../server/frontend/frontend-queries'
import { VitalChartsLoader } from './client'

// The page's panels: each an async server component in its own Suspense boundary, so each streams in when its
// queries have answered and one failing says so in its place only.

export interface PanelProps {
  service: string
  window: TimeWindow
  range: FrontendRange
}

/** Shown sessions; the engine's groups hold more, the most recent are kept. */
const SESSIONS_SHOWN = 25

function PanelProblem({ what, message }: { what: string; message: string }) {
  return (
    <div className="state error" role="alert">
      <h3>Could not load {what}</h3>
      <p className="break-anywhere">{message}</p>
    </div>
  )
}

function Nothing({ children }: { children: ReactNode }) {
  return <p className="muted">{children}</p>
}

export async function VitalsPanel({ service, window, range }: PanelProps) {
  const [byRoute, overTime] = await Promise.all([runByRoute(vitalsSpec(service, window)), runQuery(vitalsOverTimeSpec(service, window, range))])
  if (!byRoute.ok) return <PanelProblem what="the web vitals" message={byRoute.message} />
  const rows = vitalRouteRows(byRoute.value)
  if (rows.length === 0) return <Nothing>No web vital spans (`web vital LCP`, …) from {service} in this range.</Nothing>
  return (
    <>
      <VitalsTable rows={rows} />
      <h3>p75 over time, every route</h3>
      {overTime.ok ? (
        <VitalChartsLoader lines={vitalLines(overTime.value.data.series, window, range.chartGranularitySec)} />
      ) : (
        <PanelProblem what="the web vitals over time" message={overTime.message} />
      )}
    </>
  )
}

export async function InteractionsPanel({ service, window }: PanelProps) {
  const answer = await runByRoute(slowestInteractionsSpec(service, window))
  if (!answer.ok) return <PanelProblem what="the slowest interactions" message={answer.message} />
  const rows = slowestInteractionRows(answer.value, SLOWEST_INTERACTIONS)
  if (rows.length === 0) return <Nothing>No INP spans from {service} in this range.</Nothing>
  return <InteractionsTable rows={rows} />
}

export async function RoutesPanel({ service, window }: PanelProps) {
  const [navigations, documentLoads, spans] = await Promise.all([
    runByRoute(navigationsSpec(service, window)),
    runByRoute(documentLoadsSpec(service, window)),
    runByRoute(errorsSpec(service, window)),
  ])
  if (!navigations.ok) return <PanelProblem what="the navigations" message={navigations.message} />
  if (!documentLoads.ok) return <PanelProblem what="the page loads" message={documentLoads.message} />
  if (!spans.ok) return <PanelProblem what="the error rates" message={spans.message} />
  const rows = routeLoadRows(navigations.value, documentLoads.value, spans.value)
  if (rows.length === 0) return <Nothing>No spans from {service} in this range.</Nothing>
  return <RoutesTable rows={rows} />
}

export async function SessionsPanel({ service, window, range }: PanelProps) {
  const answer = await runQuery(sessionsSpec(service, window, range))
  if (!answer.ok) return <PanelProblem what="the sessions" message={answer.message} />
  const rows = sessionRows(answer.value.data.results, answer.value.data.series, window, range.sessionGranularitySec, SESSIONS_SHOWN)
  if (rows.length === 0) return <Nothing>No spans from {service} carry a session.id in this range.</Nothing>
  return <SessionsTable rows={rows} bucketSec={range.sessionGranularitySec} />
}

import { Suspense, type ReactNode } from 'react'
import { Empty, Loading } from '../../features/common/components/states'
import { FrontendFilters } from '../../features/frontend/components/frontend-filters'
import styles from '../../features/frontend/components/frontend.module.css'
import { formatBucket, parseFrontendParams, type FrontendParams } from '../../features/frontend/model/frontend-params'
import { browserServicesSpec } from '../../features/frontend/model/frontend-specs'
import { QuerySourceNote } from '../../features/query/components/query-source-note'
import { currentWindow, listServices, queryCapabilities, runQuery } from '../../server/frontend/frontend-queries'
import { RefreshButton } from './client'
import { InteractionsPanel, RoutesPanel, SessionsPanel, VitalsPanel, type PanelProps } from './sections'

export const metadata = { title: 'Frontend · Spanlight' }

// What the browser package records (web vitals, interactions, navigations, page loads, sessions), summed up by the
// trace source's query engine: every number on this page is an answer of the engine behind the Query page.

export default async function FrontendPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = parseFrontendParams(await searchParams)
  return (
    <>
      <h1>Frontend</h1>
      <Suspense fallback={<Loading what="the browser services" />}>
        <FrontendBody params={params} />
      </Suspense>
    </>
  )
}

function Section({ id, title, children, note }: { id: string; title: string; children: ReactNode; note?: ReactNode }) {
  return (
    <section aria-labelledby={id} className={styles.section}>
      <h2 id={id}>{title}</h2>
      {note ? <p className="muted">{note}</p> : null}
      {children}
    </section>
  )
}

async function FrontendBody({ params }: { params: FrontendParams }) {
  const capabilities = queryCapabilities()
  if (!capabilities.ok) {
    return (
      <div className="state error" role="alert">
        <h2>The dashboard is not configured</h2>
        <p>{capabilities.message}</p>
      </div>
    )
  }
  if (!capabilities.value.aggregates) {
    // Jaeger: nothing on this page can be asked of it, as on the Query page
    return <QuerySourceNote capabilities={{ ...capabilities.value, compare: false, unsupported: [], appliedByDashboard: [] }} />
  }
  const window = currentWindow(params.range)
  const [browser, all] = await Promise.all([runQuery(browserServicesSpec(window)), listServices()])
  const browserServices = browser.ok
    ? browser.value.data.results.flatMap((row) => (typeof row.data['service.name'] === 'string' ? [row.data['service.name']] : []))
    : []
  const otherServices = all.ok ? all.value.filter((name) => !browserServices.includes(name)).sort() : []
  const service = params.service ?? browserServices[0] ?? null
  const panel: PanelProps | null = service === null ? null : { service, window, range: params.range }
  return (
    <>
      <FrontendFilters browserServices={browserServices} otherServices={otherServices} service={service} range={params.range}>
        <RefreshButton />
      </FrontendFilters>
      {browser.ok ? null : (
        <div className="state error" role="alert">
          <h2>Could not find the browser services</h2>
          <p className="break-anywhere">{browser.message}</p>
          {panel === null ? <p className="muted">Pick a service above to see its panels anyway.</p> : null}
        </div>
      )}
      {panel !== null ? (
        <Panels {...panel} />
      ) : browser.ok ? (
        <Empty title="No browser service in this range">
          <p>
            No service sent spans with web vitals (<span className="mono">browser.web_vital.name</span>) or from the browser SDK (
            <span className="mono">telemetry.sdk.language=webjs</span>) in this range. Pick a service above, or widen the range.
          </p>
        </Empty>
      ) : null}
    </>
  )
}

/** The four panels of one service, each streamed on its own. */
function Panels(panel: PanelProps) {
  return (
    <>
      <p className="muted">
        A route is the span&apos;s route template (<span className="mono">browser.page.route</span>, else <span className="mono">url.template</span>); without
        one, its path (<span className="mono">browser.page.path</span>, else <span className="mono">url.path</span>), with the attribute it came from shown next
        to it.
      </p>
      <Section id="frontend-vitals" title="Web vitals (p75 per route)" note="Rated by Google's thresholds: the p75 of a route is what Google rates a page by.">
        <Suspense fallback={<Loading what="the web vitals" />}>
          <VitalsPanel {...panel} />
        </Suspense>
      </Section>
      <Section id="frontend-interactions" title="Slowest interactions (INP)">
        <Suspense fallback={<Loading what="the slowest interactions" />}>
          <InteractionsPanel {...panel} />
        </Suspense>
      </Section>
      <Section
        id="frontend-routes"
        title="Routes by load time and error rate"
        note="Page loads are documentLoad spans, navigations the navigation <route> spans of in-app route changes; the error rate is the share of all the route's spans with status error."
      >
        <Suspense fallback={<Loading what="the routes" />}>
          <RoutesPanel {...panel} />
        </Suspense>
      </Section>
      <Section
        id="frontend-sessions"
        title="Recent sessions"
        note={`session.id on the service's spans, most recently seen first; first and last seen to within ${formatBucket(panel.range.sessionGranularitySec)} (a bucket of the query's series).`}
      >
        <Suspense fallback={<Loading what="the sessions" />}>
          <SessionsPanel {...panel} />
        </Suspense>
      </Section>
    </>
  )
}

import type { ReactNode } from 'react'
import type { TraceSearchPage } from '../model/trace-model'

/** A search without a service in Jaeger (one service at a time): which services the traces come from, when not all. */
export function SearchedServicesNote({ page }: { page: TraceSearchPage | undefined }) {
  const searched = page?.searchedServices
  if (!searched || searched.names.length >= searched.total) return null
  return (
    <p className="muted" data-testid="searched-services">
      {page?.source?.name ?? 'The source'} searches one service at a time: these are the traces of {searched.names.length} of its {searched.total} services (
      {searched.names.join(', ')}). Choose a service to search another.
    </p>
  )
}

/** Where traces come from when a search finds none, naming the configured source; `children` is the store's advice. */
export function NoTracesAdvice({ page, children }: { page: TraceSearchPage | undefined; children: ReactNode }) {
  const source = page?.source
  if (source?.kind === 'jaeger')
    return (
      <p>
        Widen the time range or remove filters. No data at all? The dashboard reads {source.name} (<code>JAEGER_URL</code>): send spans to its OTLP receiver, or
        check that JAEGER_URL names the Jaeger your services export to.
      </p>
    )
  if (source?.kind === 'tempo')
    return (
      <p>
        Widen the time range or remove filters. No data at all? The dashboard reads {source.name} (<code>TEMPO_URL</code>
        {', '}and <code>TEMPO_ORG_ID</code> for its tenant): send spans to its distributor, or check that they name the Tempo your services export to.
      </p>
    )
  return <>{children}</>
}

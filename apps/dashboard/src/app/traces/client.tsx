'use client'
import { useInfiniteQuery } from '@tanstack/react-query'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { useMemo, useState } from 'react'
import { Empty, ErrorState, Loading } from '../../features/common/components/states'
import { TraceScatter } from '../../features/traces/components/trace-scatter'
import { TraceSearchForm } from '../../features/traces/components/trace-search-form'
import { NoTracesAdvice, SearchedServicesNote } from '../../features/traces/components/trace-source-notes'
import { TraceTable } from '../../features/traces/components/trace-table'
import { parseSearchState, searchStateToApiParams, searchStateToParams, type SearchState } from '../../features/traces/model/search-state'
import { traceSearchQuery } from '../../features/traces/queries'

const PAGE_SIZE = 50

export function TracesClient() {
  const router = useRouter()
  const pathname = usePathname()
  const searchParams = useSearchParams()
  const urlKey = searchParams.toString()
  const state = useMemo(() => parseSearchState(new URLSearchParams(urlKey)), [urlKey])
  // relative ranges ("last hour") are resolved when the search runs; Refresh resolves them again
  const [now, setNow] = useState(() => Date.now())
  const [lastUrlKey, setLastUrlKey] = useState(urlKey)
  if (lastUrlKey !== urlKey) {
    setLastUrlKey(urlKey)
    // a new search pins "now" when its URL changes (state adjusted during render, as React's docs show); an effect would
    // first render and fetch the new search with the old "now"
    // eslint-disable-next-line react-hooks/purity
    setNow(Date.now())
  }
  const apiParams = useMemo(() => searchStateToApiParams(state, now, PAGE_SIZE).toString(), [state, now])
  const search = useInfiniteQuery(traceSearchQuery(apiParams))
  const traces = useMemo(() => search.data?.pages.flatMap((page) => page.traces) ?? [], [search.data])

  const onSearch = (next: SearchState) => {
    const query = searchStateToParams(next).toString()
    if (query === urlKey) setNow(Date.now())
    router.push(query ? `${pathname}?${query}` : pathname)
  }

  return (
    <>
      <TraceSearchForm key={urlKey} initial={state} onSearch={onSearch} />
      <div className="row">
        <span className="muted" aria-live="polite">
          {search.isSuccess ? `${traces.length} trace${traces.length === 1 ? '' : 's'}${search.hasNextPage ? ' (more available)' : ''}` : ''}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => setNow(Date.now())}>
          Refresh
        </button>
      </div>
      <SearchedServicesNote page={search.data?.pages[0]} />
      {search.isPending ? (
        <Loading what="traces" />
      ) : search.isError ? (
        <ErrorState error={search.error} what="trace search" onRetry={() => void search.refetch()} />
      ) : traces.length === 0 ? (
        <Empty title="No traces match">
          <NoTracesAdvice page={search.data?.pages[0]}>
            <p>
              Widen the time range or remove filters. No data at all? Point any OpenTelemetry OTLP/HTTP exporter at the trace store&apos;s{' '}
              <code>/v1/traces</code>, or run the demo with <code>npm start</code>.
            </p>
          </NoTracesAdvice>
        </Empty>
      ) : (
        <>
          <h2>Duration over time</h2>
          <TraceScatter traces={traces} />
          <h2>Results</h2>
          <TraceTable traces={traces} caption="Traces matching the search" />
          {search.hasNextPage ? (
            <p>
              <button type="button" onClick={() => void search.fetchNextPage()} disabled={search.isFetchingNextPage}>
                {search.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </p>
          ) : null}
        </>
      )}
    </>
  )
}

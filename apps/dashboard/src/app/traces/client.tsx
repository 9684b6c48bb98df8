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
import { DEFAULT_TRACE_SORT, parseTraceSort, sortTraces, TRACE_SORT_LABELS, TRACE_SORTS, type TraceSort } from '../../features/traces/model/sort-traces'
import { traceSearchQuery } from '../../features/traces/queries'

const PAGE_SIZE = 50

export function TracesClient() {
  const router = useRouter()
  const pathname = usePathname()
  const searchParams = useSearchParams()
  const urlKey = searchParams.toString()
  const state = useMemo(() => parseSearchState(new URLSearchParams(urlKey)), [urlKey])
  // the search's own part of the URL: changing the sort (also in the URL) must not run the search again
  const searchKey = useMemo(() => searchStateToParams(state).toString(), [state])
  const sort = parseTraceSort(searchParams.get('sort'))
  // relative ranges ("last hour") are resolved when the search runs; Refresh resolves them again
  const [now, setNow] = useState(() => Date.now())
  const [lastSearchKey, setLastSearchKey] = useState(searchKey)
  if (lastSearchKey !== searchKey) {
    setLastSearchKey(searchKey)
    // a new search pins "now" when its URL changes (state adjusted during render, as React's docs show); an effect would
    // first render and fetch the new search with the old "now"
    // eslint-disable-next-line react-hooks/purity
    setNow(Date.now())
  }
  const apiParams = useMemo(() => searchStateToApiParams(state, now, PAGE_SIZE).toString(), [state, now])
  const search = useInfiniteQuery(traceSearchQuery(apiParams))
  const traces = useMemo(() => search.data?.pages.flatMap((page) => page.traces) ?? [], [search.data])
  const sorted = useMemo(() => sortTraces(traces, sort), [traces, sort])

  const urlFor = (next: SearchState, nextSort: TraceSort) => {
    const params = searchStateToParams(next)
    if (nextSort !== DEFAULT_TRACE_SORT) params.set('sort', nextSort)
    const query = params.toString()
    return query ? `${pathname}?${query}` : pathname
  }
  const onSearch = (next: SearchState) => {
    if (searchStateToParams(next).toString() === searchKey) setNow(Date.now())
    router.push(urlFor(next, sort))
  }
  // a brushed time range becomes the search's custom range: the store answers for that range (not just the loaded page)
  const onBrush = ({ fromMs, toMs }: { fromMs: number; toMs: number }) => onSearch({ ...state, range: 'custom', from: String(fromMs), to: String(toMs) })

  return (
    <>
      <TraceSearchForm key={searchKey} initial={state} onSearch={onSearch} />
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
          <TraceScatter traces={traces} onBrush={onBrush} />
          <div className="row">
            <h2>Results</h2>
            <span className="spacer" />
            <label className="row">
              Sort
              <select
                value={sort}
                onChange={(event) => router.replace(urlFor(state, parseTraceSort(event.target.value)), { scroll: false })}
                data-testid="trace-sort"
              >
                {TRACE_SORTS.map((option) => (
                  <option key={option} value={option}>
                    {TRACE_SORT_LABELS[option]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="muted" id="sort-note">
            {sort === DEFAULT_TRACE_SORT
              ? 'Newest first, as the source answers.'
              : `Sorted among the ${traces.length} loaded trace${traces.length === 1 ? '' : 's'} only${search.hasNextPage ? ': load more to include others' : ''}.`}
          </p>
          <TraceTable traces={sorted} caption="Traces matching the search" />
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

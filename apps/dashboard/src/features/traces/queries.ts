import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import type { TraceItemsLookup } from '../errors/model/rollbar-lookups'
import { apiGet } from '../common/api-client'
import type { Attribute, Operation, SpanModel, TraceSearchPage } from './model/trace-model'
import type { TraceOutline } from './model/trace-outline'

export const servicesQuery = () =>
  queryOptions({ queryKey: ['services'], queryFn: ({ signal }) => apiGet<{ services: string[] }>('/api/services', signal), staleTime: 30_000 })

export const operationsQuery = (service: string) =>
  queryOptions({
    queryKey: ['operations', service],
    queryFn: ({ signal }) => apiGet<{ operations: Operation[] }>(`/api/operations?${new URLSearchParams({ service })}`, signal),
    enabled: service !== '',
    staleTime: 30_000,
  })

/** `apiParams` is the /api/traces query without the cursor. */
export const traceSearchQuery = (apiParams: string) =>
  infiniteQueryOptions({
    queryKey: ['traces', apiParams],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams(apiParams)
      if (pageParam) params.set('cursor', pageParam)
      return apiGet<TraceSearchPage>(`/api/traces?${params}`, signal)
    },
    getNextPageParam: (page) => page.nextCursor,
  })

export const recentTracesQuery = (apiParams: string, live: boolean) =>
  queryOptions({
    queryKey: ['traces-recent', apiParams],
    queryFn: ({ signal }) => apiGet<TraceSearchPage>(`/api/traces?${apiParams}`, signal),
    refetchInterval: live ? 5_000 : false,
  })

/** The URL the trace page preloads with its HTML. */
export const traceOutlineUrl = (traceId: string) => `/api/traces/${traceId}/outline`

export const traceOutlineQuery = (traceId: string) =>
  queryOptions({
    queryKey: ['trace-outline', traceId],
    queryFn: ({ signal }) => apiGet<TraceOutline>(traceOutlineUrl(traceId), signal),
    staleTime: 60_000,
    structuralSharing: false,
  })

export const spanDetailsQuery = (traceId: string, spanId: string) =>
  queryOptions({
    queryKey: ['span', traceId, spanId],
    queryFn: ({ signal }) => apiGet<{ span: SpanModel; resource: Attribute[] }>(`/api/traces/${traceId}/spans/${spanId}`, signal),
    staleTime: 5 * 60_000,
  })

export const traceSearchWithinQuery = (traceId: string, query: string) =>
  queryOptions({
    queryKey: ['trace-search', traceId, query],
    queryFn: ({ signal }) => apiGet<{ spanIds: string[] }>(`/api/traces/${traceId}/search?${new URLSearchParams({ q: query })}`, signal),
    enabled: query.trim() !== '',
    staleTime: 5 * 60_000,
  })

export const traceErrorsQuery = (traceId: string, startMs: number) =>
  queryOptions({
    queryKey: ['trace-errors', traceId, startMs],
    queryFn: ({ signal }) => apiGet<TraceItemsLookup>(`/api/traces/${traceId}/errors?startMs=${startMs}`, signal),
    staleTime: 30_000,
  })

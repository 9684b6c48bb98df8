import { queryOptions } from '@tanstack/react-query'
import { apiGet, apiSend } from '../common/api-client'
import type { RollbarItem, RollbarItemsPage, RollbarOccurrence } from './model/rollbar-model'

export const itemsQuery = (apiParams: string, live = false) =>
  queryOptions({
    queryKey: ['rollbar-items', apiParams],
    queryFn: ({ signal }) => apiGet<RollbarItemsPage>(`/api/errors/items?${apiParams}`, signal),
    refetchInterval: live ? 5_000 : false,
  })

export const itemQuery = (itemId: number) =>
  queryOptions({ queryKey: ['rollbar-item', itemId], queryFn: ({ signal }) => apiGet<RollbarItem>(`/api/errors/items/${itemId}`, signal) })

export const occurrencesQuery = (itemId: number, page: number) =>
  queryOptions({
    queryKey: ['rollbar-occurrences', itemId, page],
    queryFn: ({ signal }) => apiGet<{ page: number; occurrences: RollbarOccurrence[] }>(`/api/errors/items/${itemId}/occurrences?page=${page}`, signal),
  })

/** Sets an item's status upstream through the dashboard; answers the status the upstream now reports. */
export const setItemStatus = (itemId: number, status: 'active' | 'resolved' | 'muted') =>
  apiSend<{ itemId: number; status: string }>(`/api/errors/items/${itemId}/status`, 'PATCH', { status })

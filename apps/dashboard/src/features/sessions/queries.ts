import { queryOptions } from '@tanstack/react-query'
import { apiGet } from '../common/api-client'
import type { SessionData } from './model/session-timeline'

export const sessionQuery = (sessionId: string) =>
  queryOptions({
    queryKey: ['session', sessionId],
    queryFn: ({ signal }) => apiGet<SessionData>(`/api/sessions/${encodeURIComponent(sessionId)}`, signal),
    staleTime: 30_000,
  })

import { queryOptions } from '@tanstack/react-query'
import { apiGet } from '../common/api-client'
import type { DependencyGraph } from './model/dependency-graph'

export const dependenciesQuery = (startFromMs: number, startToMs: number) =>
  queryOptions({
    queryKey: ['dependencies', startFromMs, startToMs],
    queryFn: ({ signal }) => apiGet<DependencyGraph>(`/api/dependencies?startFromMs=${startFromMs}&startToMs=${startToMs}`, signal),
    staleTime: 30_000,
  })

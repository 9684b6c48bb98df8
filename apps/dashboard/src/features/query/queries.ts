import { queryOptions } from '@tanstack/react-query'
import { ApiError } from '../common/api-client'
import type { CompareResult, QueryResult, SavedQuery } from './model/query-result'
import type { QuerySpec, SpecFilter } from './model/query-spec'

// The Query page's requests, all to the dashboard's own routes. Error bodies are read in both envelopes the routes
// may use: `{"error":{"code","message"}}` (the dashboard's) and `{"message"}` (the store's, passed through).

async function failure(response: Response): Promise<ApiError> {
  let code = 'http_error'
  let message = `HTTP ${response.status}`
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; unsupported?: ClauseNote[] } | string
      message?: string
      code?: string
    }
    if (typeof body.error === 'object' && body.error !== null) {
      code = body.error.code ?? code
      message = body.error.message ?? message
      // a clause the source cannot answer (Tempo): each one named
      if (body.error.unsupported?.length) message = `${message}: ${clauseTexts(body.error.unsupported).join('; ')}`
    } else {
      code = body.code ?? (typeof body.error === 'string' ? body.error : code)
      message = body.message ?? message
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, code, message)
}

async function request<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init
  let response: Response
  try {
    response = await fetch(path, json === undefined ? rest : { ...rest, headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) })
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error
    throw new ApiError(0, 'network', 'the dashboard server did not answer; is it still running?')
  }
  if (!response.ok) throw await failure(response)
  return (response.status === 204 ? undefined : await response.json()) as T
}

/** `spec` is absolute (run-spec.ts), so the key names the exact seconds asked about. */
export const runQueryQuery = (spec: QuerySpec) =>
  queryOptions({
    queryKey: ['custom-query', spec],
    queryFn: ({ signal }) => request<QueryResult>('/api/query', { method: 'POST', json: spec, signal }),
    staleTime: 60_000,
  })

export interface CompareRequest {
  query: QuerySpec
  selection: { filters?: SpecFilter[]; start_time?: number; end_time?: number }
}

export const compareQuery = (body: CompareRequest | null) =>
  queryOptions({
    queryKey: ['custom-query-compare', body],
    queryFn: ({ signal }) => request<CompareResult>('/api/query/compare', { method: 'POST', json: body, signal }),
    enabled: body !== null,
    staleTime: 60_000,
  })

export const savedQueriesQuery = () =>
  queryOptions({
    queryKey: ['saved-queries'],
    queryFn: ({ signal }) => request<{ savedQueries: SavedQuery[] }>('/api/saved-queries', { signal }),
  })

export const saveQuery = (name: string, query: QuerySpec) => request<SavedQuery>('/api/saved-queries', { method: 'POST', json: { name, query } })

export const deleteSavedQuery = (id: string) => request<void>(`/api/saved-queries/${encodeURIComponent(id)}`, { method: 'DELETE' })

/** What the configured trace source answers (`GET /api/query/capabilities`, src/server/query/query-source.ts). */
export interface QueryCapabilities {
  /** the source's name for messages: "the trace store", "Tempo", "Jaeger" */
  sourceName: string
  /** false: the source has no aggregate query API at all (Jaeger; `message` says so) */
  aggregates: boolean
  compare: boolean
  message?: string
  /** clauses the source never answers, each as `clause: why` */
  unsupported: string[]
  /** clauses the dashboard applies itself over the source's answer */
  appliedByDashboard: string[]
}

interface ClauseNote {
  clause: string
  message: string
}

const clauseTexts = (notes: ClauseNote[] | undefined) => (notes ?? []).map((note) => `${note.clause}: ${note.message}`)

export const queryCapabilitiesQuery = () =>
  queryOptions({
    queryKey: ['query-capabilities'],
    queryFn: async ({ signal }): Promise<QueryCapabilities> => {
      const body = await request<
        Omit<QueryCapabilities, 'unsupported' | 'appliedByDashboard'> & { unsupported?: ClauseNote[]; appliedByDashboard?: ClauseNote[] }
      >('/api/query/capabilities', { signal })
      return { ...body, unsupported: clauseTexts(body.unsupported), appliedByDashboard: clauseTexts(body.appliedByDashboard) }
    },
    staleTime: 5 * 60_000,
  })

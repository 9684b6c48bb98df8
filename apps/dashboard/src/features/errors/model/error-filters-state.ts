import { ROLLBAR_LEVELS, ROLLBAR_STATUSES, type RollbarLevel, type RollbarStatus } from './rollbar-model'

/** The /errors page's filters as they live in its URL. */
export interface ErrorFiltersState {
  status: RollbarStatus | ''
  levels: RollbarLevel[]
  environment: string
  q: string
  page: number
}

export function parseErrorFilters(params: URLSearchParams): ErrorFiltersState {
  const status = params.get('status') ?? ''
  const page = Number(params.get('page') ?? '1')
  return {
    status: (ROLLBAR_STATUSES as readonly string[]).includes(status) ? (status as RollbarStatus) : '',
    levels: params.getAll('level').filter((level): level is RollbarLevel => (ROLLBAR_LEVELS as readonly string[]).includes(level)),
    environment: params.get('environment') ?? '',
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  }
}

/** Same keys for the page URL and the API query. */
export function errorFiltersToParams(state: ErrorFiltersState): URLSearchParams {
  const params = new URLSearchParams()
  if (state.status) params.set('status', state.status)
  for (const level of state.levels) params.append('level', level)
  if (state.environment.trim()) params.set('environment', state.environment.trim())
  if (state.q.trim()) params.set('q', state.q.trim())
  if (state.page > 1) params.set('page', String(state.page))
  return params
}

// The /traces search form's state, kept in the page URL so a search is a link to share.
// Pure functions: URL params ⇄ state, state → API params.

export const TIME_RANGES = ['15m', '1h', '24h', 'custom'] as const
export type TimeRange = (typeof TIME_RANGES)[number]
export const DEFAULT_TIME_RANGE: TimeRange = '1h'
const RANGE_MS: Record<Exclude<TimeRange, 'custom'>, number> = { '15m': 15 * 60_000, '1h': 60 * 60_000, '24h': 24 * 60 * 60_000 }

export interface SearchState {
  service: string
  name: string
  /** as typed, in ms */
  minDurationMs: string
  maxDurationMs: string
  errorsOnly: boolean
  /** 'key=value' */
  attributes: string[]
  range: TimeRange
  /** custom range bounds, unix ms as text */
  from: string
  to: string
}

export const EMPTY_SEARCH: SearchState = {
  service: '',
  name: '',
  minDurationMs: '',
  maxDurationMs: '',
  errorsOnly: false,
  attributes: [],
  range: DEFAULT_TIME_RANGE,
  from: '',
  to: '',
}

export function parseSearchState(params: URLSearchParams): SearchState {
  const range = params.get('range')
  return {
    service: params.get('service') ?? '',
    name: params.get('name') ?? '',
    minDurationMs: params.get('minDurationMs') ?? '',
    maxDurationMs: params.get('maxDurationMs') ?? '',
    errorsOnly: params.get('errorsOnly') === 'true',
    attributes: params.getAll('attribute').filter((pair) => pair.includes('=')),
    range: (TIME_RANGES as readonly string[]).includes(range ?? '') ? (range as TimeRange) : DEFAULT_TIME_RANGE,
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  }
}

/** The page URL's query for a state; defaults are left out so links stay short. */
export function searchStateToParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams()
  if (state.service) params.set('service', state.service)
  if (state.name) params.set('name', state.name)
  if (state.minDurationMs) params.set('minDurationMs', state.minDurationMs)
  if (state.maxDurationMs) params.set('maxDurationMs', state.maxDurationMs)
  if (state.errorsOnly) params.set('errorsOnly', 'true')
  for (const pair of state.attributes) if (pair.trim()) params.append('attribute', pair.trim())
  if (state.range !== DEFAULT_TIME_RANGE) params.set('range', state.range)
  if (state.range === 'custom') {
    if (state.from) params.set('from', state.from)
    if (state.to) params.set('to', state.to)
  }
  return params
}

/** The dashboard API's query for a state, relative ranges resolved against `nowMs`. */
export function searchStateToApiParams(state: SearchState, nowMs: number, limit: number): URLSearchParams {
  const params = new URLSearchParams()
  if (state.service) params.set('service', state.service)
  if (state.name) params.set('name', state.name)
  if (state.minDurationMs) params.set('minDurationMs', state.minDurationMs)
  if (state.maxDurationMs) params.set('maxDurationMs', state.maxDurationMs)
  if (state.errorsOnly) params.set('errorsOnly', 'true')
  for (const pair of state.attributes) if (pair.trim()) params.append('attribute', pair.trim())
  if (state.range === 'custom') {
    if (state.from) params.set('startFromMs', state.from)
    if (state.to) params.set('startToMs', state.to)
  } else {
    params.set('startFromMs', String(nowMs - RANGE_MS[state.range]))
  }
  params.set('limit', String(limit))
  return params
}

/** datetime-local input value (local time) ⇄ unix ms text */
export function localInputToMs(value: string): string {
  if (!value) return ''
  const ms = new Date(value).getTime()
  return Number.isFinite(ms) ? String(ms) : ''
}

export function msToLocalInput(msText: string): string {
  if (!msText) return ''
  const date = new Date(Number(msText))
  if (!Number.isFinite(date.getTime())) return ''
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

import type { QuerySpec, SpecFilter } from '../../query/model/query-spec'
import type { FrontendRange, TimeWindow } from './frontend-params'
import { VITAL_NAME_SPELLINGS } from './web-vitals'

// The Frontend page's questions, as Honeycomb query specs for the query engine (the same `POST /api/query` the Query
// page runs). Attribute keys are the browser package's (packages/web-tracing/src/vitals/web-vital-attributes.ts,
// its navigation and document-load spans).

export const ATTR_VITAL_NAME = 'browser.web_vital.name'
export const ATTR_VITAL_VALUE = 'browser.web_vital.value'
export const ATTR_INTERACTION_TARGET = 'browser.web_vital.attribution.interaction_target'
export const ATTR_INTERACTION_EVENT_TYPE = 'browser.web_vital.attribution.event_type'
export const ATTR_SESSION_ID = 'session.id'
export const ATTR_SDK_LANGUAGE = 'telemetry.sdk.language'
/** Span names: `navigation <route>` (the routes entry), `documentLoad` (the page load, as OpenTelemetry names it) */
export const NAVIGATION_SPAN_PREFIX = 'navigation '
export const DOCUMENT_LOAD_SPAN = 'documentLoad'

export const P75_VITAL = `P75(${ATTR_VITAL_VALUE})`
export const MAX_VITAL = `MAX(${ATTR_VITAL_VALUE})`
export const P75_DURATION = 'P75(duration_ms)'
export const P95_DURATION = 'P95(duration_ms)'

/** The engine's most groups per query: a panel's table shows them all. */
const MAX_GROUPS = 1000
export const SLOWEST_INTERACTIONS = 10

const serviceFilter = (service: string): SpecFilter => ({ column: 'service.name', op: '=', value: service })

/** The whole window as one bucket: the totals are what these panels show, and their series stays one point a group. */
function totalsOnly(window: TimeWindow): Pick<QuerySpec, 'start_time' | 'end_time' | 'granularity'> {
  return { start_time: window.startSec, end_time: window.endSec, granularity: window.endSec - window.startSec }
}

/** Services whose spans carry web vitals or come from the browser SDK (`telemetry.sdk.language=webjs`), busiest first. */
export function browserServicesSpec(window: TimeWindow): QuerySpec {
  return {
    calculations: [{ op: 'COUNT' }],
    filters: [
      { column: ATTR_VITAL_NAME, op: 'exists' },
      { column: ATTR_SDK_LANGUAGE, op: '=', value: 'webjs' },
    ],
    filter_combination: 'OR',
    breakdowns: ['service.name'],
    limit: 100,
    ...totalsOnly(window),
  }
}

/** p75 of each vital; run per route key (route-tiers.ts). */
export function vitalsSpec(service: string, window: TimeWindow): QuerySpec {
  return {
    calculations: [{ op: 'P75', column: ATTR_VITAL_VALUE }, { op: 'COUNT' }],
    filters: [serviceFilter(service), { column: ATTR_VITAL_NAME, op: 'in', value: [...VITAL_NAME_SPELLINGS] }],
    breakdowns: [ATTR_VITAL_NAME],
    limit: MAX_GROUPS,
    ...totalsOnly(window),
  }
}

/** p75 of each vital over time, every route together. */
export function vitalsOverTimeSpec(service: string, window: TimeWindow, range: FrontendRange): QuerySpec {
  return {
    calculations: [{ op: 'P75', column: ATTR_VITAL_VALUE }],
    filters: [serviceFilter(service), { column: ATTR_VITAL_NAME, op: 'in', value: [...VITAL_NAME_SPELLINGS] }],
    breakdowns: [ATTR_VITAL_NAME],
    start_time: window.startSec,
    end_time: window.endSec,
    granularity: range.chartGranularitySec,
  }
}

/** The INP spans with the largest values, each group one trace; run per route key. */
export function slowestInteractionsSpec(service: string, window: TimeWindow): QuerySpec {
  return {
    calculations: [{ op: 'MAX', column: ATTR_VITAL_VALUE }],
    filters: [serviceFilter(service), { column: ATTR_VITAL_NAME, op: 'in', value: ['inp', 'INP'] }, { column: ATTR_VITAL_VALUE, op: 'exists' }],
    // each group one span (its link selects it in its trace); with the route key added per tier: the engine's most, 5.
    // The rating is not asked for: web-vitals rates by the same thresholds the page applies to the value.
    breakdowns: ['trace.trace_id', 'trace.span_id', ATTR_INTERACTION_TARGET, ATTR_INTERACTION_EVENT_TYPE],
    orders: [{ op: 'MAX', column: ATTR_VITAL_VALUE, order: 'descending' }],
    limit: SLOWEST_INTERACTIONS,
    ...totalsOnly(window),
  }
}

function durationsSpec(service: string, window: TimeWindow, nameFilter: SpecFilter): QuerySpec {
  return {
    calculations: [{ op: 'P75', column: 'duration_ms' }, { op: 'P95', column: 'duration_ms' }, { op: 'COUNT' }],
    filters: [serviceFilter(service), nameFilter],
    limit: MAX_GROUPS,
    ...totalsOnly(window),
  }
}

/** In-app navigations (`navigation <route>` spans); run per route key. */
export function navigationsSpec(service: string, window: TimeWindow): QuerySpec {
  return durationsSpec(service, window, { column: 'name', op: 'starts-with', value: NAVIGATION_SPAN_PREFIX })
}

/** Page loads (`documentLoad` spans); run per route key. */
export function documentLoadsSpec(service: string, window: TimeWindow): QuerySpec {
  return durationsSpec(service, window, { column: 'name', op: '=', value: DOCUMENT_LOAD_SPAN })
}

/** Every span of the service, errored (`error` true) and not (absent); run per route key. */
export function errorsSpec(service: string, window: TimeWindow): QuerySpec {
  return {
    calculations: [{ op: 'COUNT' }],
    filters: [serviceFilter(service)],
    breakdowns: ['error'],
    limit: MAX_GROUPS,
    ...totalsOnly(window),
  }
}

/** Spans per session, errored and not; the series' buckets say when each session was first and last seen. */
export function sessionsSpec(service: string, window: TimeWindow, range: FrontendRange): QuerySpec {
  return {
    calculations: [{ op: 'COUNT' }],
    filters: [serviceFilter(service), { column: ATTR_SESSION_ID, op: 'exists' }],
    breakdowns: [ATTR_SESSION_ID, 'error'],
    limit: MAX_GROUPS,
    start_time: window.startSec,
    end_time: window.endSec,
    granularity: range.sessionGranularitySec,
  }
}

import type { SpanContext } from '@opentelemetry/api'

// What the opt-in frontend-signal entries tell each other, without importing
// each other: the interactions entry records the interactions it traces, the
// routes entry the page the app is on; the vitals and long-frames entries
// read them to parent or link their spans. Times are `performance.now()` ms.

export interface InteractionRecord {
  readonly spanContext: SpanContext
  /** the DOM event type that started it (`click`, `submit`, `keydown`) */
  readonly eventType: string
  /** the event's `timeStamp` */
  readonly startTimeMs: number
  /** set when the interaction's span ended */
  endTimeMs?: number
}

export interface PageRecord {
  /** `location.pathname`, redacted like every recorded URL */
  readonly path: string
  /** the route template the app gave (`/orders/:id`), when it gave one */
  readonly route?: string
  /** the navigation span that brought the app here (none for the first page) */
  readonly spanContext?: SpanContext
  readonly startTimeMs: number
  /** set when the navigation span ended (the page had settled) */
  endTimeMs?: number
}

/** The page the app is on (`PageRecord.path`), on every span once the routes entry runs. */
export const ATTR_PAGE_PATH = 'browser.page.path'
/** The route template of that page (`PageRecord.route`), when the app gave one. */
export const ATTR_PAGE_ROUTE = 'browser.page.route'

/** Interactions kept for lookups (INP is reported long after the interaction). */
const INTERACTIONS_KEPT = 50

const interactions: InteractionRecord[] = []
let page: PageRecord | undefined

export function noteInteraction(record: InteractionRecord): void {
  interactions.push(record)
  if (interactions.length > INTERACTIONS_KEPT) interactions.shift()
}

/** The latest interaction that started at or before `timeMs` and had not ended by then (or started within `toleranceMs` of it). */
export function interactionAt(timeMs: number, toleranceMs = 0): InteractionRecord | undefined {
  for (let index = interactions.length - 1; index >= 0; index--) {
    const record = interactions[index]!
    if (Math.abs(record.startTimeMs - timeMs) <= toleranceMs) return record
    if (record.startTimeMs <= timeMs && (record.endTimeMs === undefined || record.endTimeMs >= timeMs)) return record
  }
  return undefined
}

/** The latest interaction whose time overlaps `[startTimeMs, endTimeMs]` (started by its end and not ended before its start). */
export function interactionOverlapping(startTimeMs: number, endTimeMs: number): InteractionRecord | undefined {
  for (let index = interactions.length - 1; index >= 0; index--) {
    const record = interactions[index]!
    if (record.startTimeMs <= endTimeMs && (record.endTimeMs === undefined || record.endTimeMs >= startTimeMs)) return record
  }
  return undefined
}

export function notePage(record: PageRecord): void {
  page = record
}

/** The page the app is on, once the routes entry runs. */
export function currentPage(): PageRecord | undefined {
  return page
}

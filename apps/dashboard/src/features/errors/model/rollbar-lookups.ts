import type { RollbarLevel, TraceLinkedItem } from './rollbar-model'

// What the dashboard's lookups across Rollbar answer (trace → items, uuid → item, session → occurrences), and how
// the UI explains where an answer came from.

/** How far back the fallback scan looked when RQL could not answer. */
export interface TraceItemsScan {
  occurrencesPerItem: number
  itemCount: number
  /** the oldest last-seen time of the items looked at (unix s), or null when there were none */
  sinceSec: number | null
}

export interface TraceItemsLookup {
  items: TraceLinkedItem[]
  /** `rql`: every occurrence carrying the trace id; `scan`: only the newest occurrences of recent items */
  via: 'rql' | 'scan'
  scan: TraceItemsScan | null
  /** why RQL did not answer (no RQL on this plan, a job that did not finish, …), when it did not */
  rqlUnavailable: string | null
}

/** One occurrence found by RQL, with its item. */
export interface OccurrenceRef {
  itemId: number
  title: string
  level: RollbarLevel
  occurrenceId: number
  uuid: string | null
  timestampSec: number
  traceId: string | null
  spanId: string | null
}

/** The sentence under the trace's Rollbar items saying how they were found; null when RQL found them (nothing to qualify). */
export function traceItemsNote(lookup: Pick<TraceItemsLookup, 'via' | 'scan' | 'rqlUnavailable'>, formatTime: (sec: number) => string): string | null {
  if (lookup.via === 'rql' || !lookup.scan) return null
  const { occurrencesPerItem, itemCount, sinceSec } = lookup.scan
  const why = lookup.rqlUnavailable ? `${lookup.rqlUnavailable}, so this ` : 'This '
  const items = itemCount === 1 ? 'the 1 item' : `the ${itemCount} items`
  const looked =
    itemCount === 0
      ? 'looked for recent items and found none seen since shortly before the trace'
      : `looked at the newest ${occurrencesPerItem} occurrences of ${items} seen${sinceSec !== null ? ` since ${formatTime(sinceSec)}` : ''}`
  return `${why}${looked}; older occurrences are not searched.`
}

import 'server-only'
import { z } from 'zod'
import {
  ITEMS_PAGE_SIZE,
  normalizeLevel,
  normalizeStatus,
  toOccurrence,
  type RollbarItem,
  type RollbarItemsPage,
  type RollbarLevel,
  type RollbarOccurrence,
  type RollbarStatus,
  type TraceLinkedItem,
} from '../features/errors/model/rollbar-model'
import type { OccurrenceRef, TraceItemsLookup } from '../features/errors/model/rollbar-lookups'
import { DashboardError } from './errors'
import { RollbarRql, type RqlAnswer, type RqlOptions } from './rollbar-rql'
import { sessionOccurrencesQuery, spanOccurrenceQuery, toOccurrenceRefs, traceOccurrencesQuery, uuidOccurrenceQuery } from './rql-occurrences'
import { fetchUpstreamJson, upstreamUrl, type Upstream } from './upstream'

// Rollbar's read API (rollbar/docs api/items.md, api/occurrences.md). The store serves the same endpoints,
// so one client talks to either; only the base URL and the token differ.
const itemSchema = z.object({
  id: z.number(),
  counter: z.number().optional().nullable(),
  title: z.string(),
  level: z.union([z.string(), z.number()]),
  status: z.union([z.string(), z.number()]).optional().nullable(),
  environment: z.string().optional().nullable(),
  total_occurrences: z.number().optional().nullable(),
  first_occurrence_timestamp: z.number().optional().nullable(),
  last_occurrence_timestamp: z.number().optional().nullable(),
})
const envelope = <T extends z.ZodType>(result: T) => z.object({ err: z.literal(0), result })
const itemsSchema = envelope(z.object({ page: z.coerce.number().optional(), total_count: z.number().optional().nullable(), items: z.array(itemSchema) }))
const itemResponseSchema = envelope(itemSchema)
const instanceSchema = z.object({ id: z.number(), item_id: z.number(), timestamp: z.number(), data: z.unknown() })
const instancesSchema = envelope(z.object({ page: z.coerce.number().optional(), instances: z.array(instanceSchema) }))

/** How many recent items the trace → items scan inspects, and how far before the trace an occurrence may be. */
export const TRACE_LOOKUP_MAX_ITEMS = 25
/** Occurrences on the first page of an item's instances: all the scan reads of each item. */
export const TRACE_LOOKUP_OCCURRENCES_PER_ITEM = 20
const TRACE_LOOKUP_SLACK_SEC = 300

export interface ItemFilters {
  status?: RollbarStatus
  levels: RollbarLevel[]
  environment?: string
  query?: string
  page: number
}

function toItem(item: z.infer<typeof itemSchema>): RollbarItem {
  return {
    id: item.id,
    counter: item.counter ?? item.id,
    title: item.title,
    level: normalizeLevel(item.level),
    status: normalizeStatus(item.status),
    environment: item.environment ?? '',
    totalOccurrences: item.total_occurrences ?? 0,
    firstOccurrenceSec: item.first_occurrence_timestamp ?? 0,
    lastOccurrenceSec: item.last_occurrence_timestamp ?? 0,
  }
}

/** What an RQL lookup found: the occurrences, or why RQL could not answer. */
export type OccurrenceLookup = { ok: true; occurrences: OccurrenceRef[] } | { ok: false; reason: string }

function occurrenceLookup(answer: RqlAnswer): OccurrenceLookup {
  return answer.ok ? { ok: true, occurrences: toOccurrenceRefs(answer.rows) } : { ok: false, reason: answer.unavailable.reason }
}

export class RollbarSource {
  readonly name: string
  private readonly rql: RollbarRql
  constructor(
    private readonly upstream: Upstream,
    rqlOptions: RqlOptions = {},
  ) {
    this.name = upstream.name
    this.rql = new RollbarRql(upstream, rqlOptions)
  }

  async items(filters: ItemFilters): Promise<RollbarItemsPage> {
    const url = upstreamUrl(this.upstream, 'api/1/items', {
      status: filters.status,
      level: filters.levels,
      environment: filters.environment,
      q: filters.query,
      page: filters.page,
    })
    const body = await fetchUpstreamJson(this.upstream, url, itemsSchema)
    const result = body!.result
    return {
      page: result.page ?? filters.page,
      totalCount: result.total_count ?? result.items.length,
      pageSize: ITEMS_PAGE_SIZE,
      items: result.items.map(toItem),
    }
  }

  async item(itemId: number): Promise<RollbarItem | null> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, `api/1/item/${itemId}`), itemResponseSchema, { nullOn: [404] })
    return body ? toItem(body.result) : null
  }

  async occurrences(itemId: number, page: number): Promise<{ page: number; occurrences: RollbarOccurrence[] } | null> {
    const body = await fetchUpstreamJson(this.upstream, upstreamUrl(this.upstream, `api/1/item/${itemId}/instances`, { page }), instancesSchema, {
      nullOn: [404],
    })
    if (!body) return null
    return { page: body.result.page ?? page, occurrences: body.result.instances.map(toOccurrence) }
  }

  /**
   * Occurrences that carry this trace id: every one, by an RQL query on `custom.trace_id`; where RQL is not to be had
   * (a Rollbar plan without it, a job that did not finish), the newest occurrences of recent items (`scanForTrace`).
   */
  async itemsForTrace(traceId: string, traceStartSec: number): Promise<TraceItemsLookup> {
    const answer = await this.rql.query(traceOccurrencesQuery(traceId))
    if (answer.ok) {
      const items = toOccurrenceRefs(answer.rows).map(
        (ref): TraceLinkedItem => ({
          itemId: ref.itemId,
          uuid: ref.uuid,
          title: ref.title,
          level: ref.level,
          occurrenceId: ref.occurrenceId,
          spanId: ref.spanId,
          timestampSec: ref.timestampSec,
        }),
      )
      return { items: items.sort(byTime), via: 'rql', scan: null, rqlUnavailable: null }
    }
    return { ...(await this.scanForTrace(traceId, traceStartSec)), via: 'scan', rqlUnavailable: answer.unavailable.reason }
  }

  /** The occurrence with this uuid (8-4-4-4-12, validated by the caller), by RQL. */
  async occurrenceByUuid(uuid: string): Promise<OccurrenceLookup> {
    return occurrenceLookup(await this.rql.query(uuidOccurrenceQuery(uuid)))
  }

  /** The newest occurrence reported from this span (`custom.span_id`), by RQL. */
  async occurrenceBySpan(spanId: string): Promise<OccurrenceLookup> {
    return occurrenceLookup(await this.rql.query(spanOccurrenceQuery(spanId)))
  }

  /** Every occurrence of one session (`custom.session_id`), oldest first, by RQL. */
  async sessionOccurrences(sessionId: string): Promise<OccurrenceLookup> {
    return occurrenceLookup(await this.rql.query(sessionOccurrencesQuery(sessionId)))
  }

  /**
   * Without RQL Rollbar has no search by custom field, so this looks at the newest occurrences of the items seen since
   * shortly before the trace started (at most TRACE_LOOKUP_MAX_ITEMS items), and says how far back that was.
   */
  private async scanForTrace(traceId: string, traceStartSec: number): Promise<Pick<TraceItemsLookup, 'items' | 'scan'>> {
    const page = await this.items({ levels: [], page: 1 })
    const candidates = page.items.filter((item) => item.lastOccurrenceSec >= traceStartSec - TRACE_LOOKUP_SLACK_SEC).slice(0, TRACE_LOOKUP_MAX_ITEMS)
    const linked: TraceLinkedItem[] = []
    const queue = [...candidates]
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const result = await this.occurrences(item.id, 1)
        for (const occurrence of result?.occurrences ?? []) {
          if (occurrence.traceId !== traceId) continue
          linked.push({
            itemId: item.id,
            uuid: occurrence.uuid,
            title: item.title,
            level: item.level,
            occurrenceId: occurrence.id,
            spanId: occurrence.spanId,
            timestampSec: occurrence.timestampSec,
          })
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(4, candidates.length) }, worker))
    const sinceSec = candidates.length > 0 ? Math.min(...candidates.map((item) => item.lastOccurrenceSec)) : null
    return {
      items: linked.sort(byTime),
      scan: { occurrencesPerItem: TRACE_LOOKUP_OCCURRENCES_PER_ITEM, itemCount: candidates.length, sinceSec },
    }
  }
}

const byTime = (a: TraceLinkedItem, b: TraceLinkedItem) => a.timestampSec - b.timestampSec || a.occurrenceId - b.occurrenceId

export function assertItemFound<T>(value: T | null, itemId: number): T {
  if (value === null) throw new DashboardError('not_found', `Rollbar item ${itemId} not found`)
  return value
}

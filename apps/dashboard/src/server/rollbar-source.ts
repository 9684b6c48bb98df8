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
import { DashboardError } from './errors'
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

/** How many recent items the trace → items lookup inspects, and how far before the trace an occurrence may be. */
export const TRACE_LOOKUP_MAX_ITEMS = 25
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

export class RollbarSource {
  readonly name: string
  constructor(private readonly upstream: Upstream) {
    this.name = upstream.name
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
   * Occurrences that carry this trace id. Rollbar has no search by custom field, so this looks at the newest
   * occurrences of the items seen since shortly before the trace started (at most TRACE_LOOKUP_MAX_ITEMS items).
   */
  async itemsForTrace(traceId: string, traceStartSec: number): Promise<TraceLinkedItem[]> {
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
    return linked.sort((a, b) => a.timestampSec - b.timestampSec || a.occurrenceId - b.occurrenceId)
  }
}

export function assertItemFound<T>(value: T | null, itemId: number): T {
  if (value === null) throw new DashboardError('not_found', `Rollbar item ${itemId} not found`)
  return value
}

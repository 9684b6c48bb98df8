import 'server-only'
import { z } from 'zod'
import { normalizeStatus } from '../features/errors/model/rollbar-model'
import { DashboardError } from './errors'
import { badResponse, requestUpstream, upstreamJsonBody, upstreamUrl, type Upstream } from './upstream'

// Rollbar's "Modify an item" (rollbar/docs api/items.md): PATCH /api/1/item/:id with a JSON body such as
// {"status":"resolved"}, authenticated by a project access token with `write` scope. The store answers the same call.

/** The statuses a person can set from the item page (Rollbar's PATCH accepts these three). */
export const SETTABLE_STATUSES = ['active', 'resolved', 'muted'] as const
export type SettableStatus = (typeof SETTABLE_STATUSES)[number]

const patchResponseSchema = z.object({
  err: z.literal(0),
  result: z.object({ id: z.number(), status: z.union([z.string(), z.number()]) }),
})

/** What the upstream says the item's status is after the change. */
export interface ItemStatusChange {
  itemId: number
  status: string
}

export class RollbarItemStatus {
  constructor(private readonly upstream: Upstream) {}

  /** Sets an item's status upstream; null when the upstream does not know the item. */
  async setStatus(itemId: number, status: SettableStatus): Promise<ItemStatusChange | null> {
    const reply = await requestUpstream(this.upstream, upstreamUrl(this.upstream, `api/1/item/${itemId}`), { method: 'PATCH', json: { status } })
    if (reply.status === 404) return null
    if (reply.status === 401 || reply.status === 403) {
      throw new DashboardError(
        'upstream_error',
        `${this.upstream.name} refused to change the item (HTTP ${reply.status}): the token lacks write scope; set ROLLBAR_WRITE_TOKEN to a project access token with write scope`,
        this.upstream.name,
      )
    }
    const parsed = patchResponseSchema.safeParse(upstreamJsonBody(this.upstream, reply))
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw badResponse(this.upstream, issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : undefined)
    }
    return { itemId: parsed.data.result.id, status: normalizeStatus(parsed.data.result.status) }
  }
}

import 'server-only'
import { z } from 'zod'
import { badResponse, type Upstream } from '../upstream'
import { storeRequest } from './store-query-source'

// Saved queries live in the embedded store whatever the trace source (`GET/POST /api/saved-queries`,
// `DELETE /api/saved-queries/:id`): Tempo and Jaeger have nowhere to keep them.

const savedQuerySchema = z.object({ id: z.string(), name: z.string(), query: z.record(z.string(), z.unknown()), createdAtMs: z.number() }).loose()
const listSchema = z.object({ savedQueries: z.array(savedQuerySchema) })
const createdSchema = z.object({ savedQuery: savedQuerySchema })

export type SavedQuery = z.infer<typeof savedQuerySchema>

/** A saved query's id as the store hands them out: what may go into the request path. */
export const SAVED_QUERY_ID = /^[A-Za-z0-9_-]{1,64}$/

function read<T>(upstream: Upstream, schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw badResponse(upstream, issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : undefined)
  }
  return parsed.data
}

export class SavedQueries {
  constructor(private readonly upstream: Upstream) {}

  async list(): Promise<{ savedQueries: SavedQuery[] }> {
    return read(this.upstream, listSchema, await storeRequest(this.upstream, 'api/saved-queries'))
  }

  /** 400 with the store's message when it refuses the name or the query */
  async create(name: string, query: unknown): Promise<{ savedQuery: SavedQuery }> {
    return read(this.upstream, createdSchema, await storeRequest(this.upstream, 'api/saved-queries', { method: 'POST', json: { name, query } }))
  }

  /** 404 when the store has no saved query with this id */
  async remove(id: string): Promise<void> {
    await storeRequest(this.upstream, `api/saved-queries/${encodeURIComponent(id)}`, { method: 'DELETE' }, `no saved query ${id}`)
  }
}

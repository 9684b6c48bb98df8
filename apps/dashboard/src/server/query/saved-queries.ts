import 'server-only'
import { z } from 'zod'
import { badResponse, type Upstream } from '../upstream'
import { storeRequest } from './store-query-source'

// Saved queries live in the embedded store whatever the trace source (`GET/POST /api/saved-queries`,
// `DELETE /api/saved-queries/:id`; packages/trace-store/src/http/saved-query-routes.ts): Tempo and Jaeger have nowhere
// to keep them. Saving and deleting take the store's write token when it has one (SPANLIGHT_WRITE_TOKEN), reading
// its read token.

/** A saved query's id as it may go into the request path (the store's are digits). */
export const SAVED_QUERY_ID = /^[A-Za-z0-9_-]{1,64}$/

/** The store numbers its saved queries (an SQLite rowid); the UI keys and deletes them by a string either way. */
const savedQueryId = z
  .union([z.number().int().nonnegative(), z.string()])
  .transform(String)
  .pipe(z.string().regex(SAVED_QUERY_ID, { message: 'is not a saved query id' }))
const savedQuerySchema = z.object({ id: savedQueryId, name: z.string(), query: z.record(z.string(), z.unknown()), createdAtMs: z.number() }).loose()
const listSchema = z.object({ savedQueries: z.array(savedQuerySchema) })
const createdSchema = z.object({ savedQuery: savedQuerySchema })

export type SavedQuery = z.output<typeof savedQuerySchema>

function read<T>(upstream: Upstream, schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw badResponse(upstream, issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : undefined)
  }
  return parsed.data
}

export class SavedQueries {
  /** `write`: the store with the token that may save and delete (its write token, else the read token) */
  constructor(
    private readonly upstream: Upstream,
    private readonly write: Upstream,
  ) {}

  async list(): Promise<{ savedQueries: SavedQuery[] }> {
    return read(this.upstream, listSchema, await storeRequest(this.upstream, 'api/saved-queries'))
  }

  /** 400 with the store's message when it refuses the name or the query */
  async create(name: string, query: unknown): Promise<{ savedQuery: SavedQuery }> {
    return read(this.write, createdSchema, await storeRequest(this.write, 'api/saved-queries', { method: 'POST', json: { name, query } }))
  }

  /** 404 when the store has no saved query with this id */
  async remove(id: string): Promise<void> {
    await storeRequest(this.write, `api/saved-queries/${encodeURIComponent(id)}`, { method: 'DELETE' }, `no saved query ${id}`)
  }
}

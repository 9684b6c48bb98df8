import 'server-only'
import { z } from 'zod'
import { DashboardError } from './errors'
import { safeUpstreamDetail } from './safe-upstream-text'
import { badResponse, requestUpstream, upstreamJsonBody, upstreamUrl, type Upstream } from './upstream'

// Rollbar Query Language jobs (Rollbar API reference, "RQL": POST /api/1/rql/jobs, GET /api/1/rql/job/:id?expand=result).
// Rollbar's cloud offers them on its Advanced and Enterprise plans and runs them asynchronously; the store answers the
// same subset at once. Every literal put into a query goes through `rqlString` after its caller validated it.

/** How long an upstream that has no RQL is not asked again. */
export const NO_RQL_MEMORY_MS = 5 * 60_000
/** Waits between polls of a job that is still new or running: ~5 s in all, then the caller falls back. */
export const RQL_POLL_DELAYS_MS = [250, 500, 750, 1000, 1000, 1500] as const
export const RQL_MAX_ROWS = 1000

const JOB_STATUSES = ['new', 'running', 'success', 'failed', 'cancelled', 'timed_out'] as const
const jobSchema = z.object({
  id: z.number(),
  status: z.enum(JOB_STATUSES),
  result: z
    .object({
      rows: z.array(z.array(z.unknown())).optional().nullable(),
      selectionColumns: z.array(z.string()).optional().nullable(),
      columns: z.array(z.string()).optional().nullable(),
      errors: z.array(z.unknown()).optional().nullable(),
    })
    .optional()
    .nullable(),
})
const jobEnvelope = z.object({ err: z.number(), message: z.string().optional(), result: jobSchema.optional() })

/** One result row keyed by column name (both the selected expression and the column's own name). */
export type RqlRow = Record<string, unknown>

/** Why a query was not answered by RQL; `no_rql` is remembered for NO_RQL_MEMORY_MS. */
export type RqlUnavailable = { kind: 'no_rql' | 'unfinished' | 'failed'; reason: string }
export type RqlAnswer = { ok: true; rows: RqlRow[] } | { ok: false; unavailable: RqlUnavailable }

/** A single-quoted RQL string literal, quotes doubled. Callers validate ids first; this only keeps the quoting right. */
export function rqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

/** Rows as objects: names come from `selectionColumns` (what was selected) and `columns`, never from assumed positions. */
export function rowsByName(result: { rows?: unknown[][] | null; selectionColumns?: string[] | null; columns?: string[] | null }): RqlRow[] {
  const namings = [result.selectionColumns ?? [], result.columns ?? []]
  return (result.rows ?? []).map((row) => {
    const named: RqlRow = {}
    for (const names of namings) names.forEach((name, index) => (named[name] ??= row[index]))
    return named
  })
}

export interface RqlOptions {
  now?: () => number
  /** waits between polls (injected by tests, so they do not sleep) */
  wait?: (ms: number) => Promise<void>
}

/** The message of a refusal in Rollbar's `{"err":1,"message"}` envelope (or the store's `{"error":{"message"}}`), shortened. */
function refusal(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: { message?: unknown } }
    const message = typeof body.message === 'string' ? body.message : typeof body.error?.message === 'string' ? body.error.message : undefined
    return message
  } catch {
    return undefined
  }
}

const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export class RollbarRql {
  private noRqlUntil = 0
  private noRqlReason = ''
  private readonly now: () => number
  private readonly wait: (ms: number) => Promise<void>

  constructor(
    private readonly upstream: Upstream,
    options: RqlOptions = {},
  ) {
    this.now = options.now ?? Date.now
    this.wait = options.wait ?? realWait
  }

  /** Runs one query; `ok: false` says why RQL could not answer (the caller falls back or says so). */
  async query(queryString: string): Promise<RqlAnswer> {
    if (this.now() < this.noRqlUntil) return { ok: false, unavailable: { kind: 'no_rql', reason: this.noRqlReason } }
    // force_refresh: Rollbar otherwise answers with an earlier job for the same query, from before newer occurrences
    const created = await this.send(upstreamUrl(this.upstream, 'api/1/rql/jobs'), { query_string: queryString, force_refresh: true })
    if (!created.ok) return created
    let job = created.job
    for (const delayMs of [...RQL_POLL_DELAYS_MS, null]) {
      if (job.status === 'success' && job.result) {
        const problem = job.result.errors?.[0]
        if (problem !== undefined) {
          // the job's own words only when they cannot carry a URL or token (src/server/safe-upstream-text.ts)
          const detail = safeUpstreamDetail(this.upstream, String(problem))
          return { ok: false, unavailable: { kind: 'failed', reason: detail ? `the RQL job failed: ${detail}` : 'the RQL job failed' } }
        }
        return { ok: true, rows: rowsByName(job.result) }
      }
      if (job.status !== 'new' && job.status !== 'running' && job.status !== 'success') {
        return { ok: false, unavailable: { kind: 'failed', reason: `the RQL job ended ${job.status.replace('_', ' ')}` } }
      }
      if (delayMs === null) break
      // a finished job whose creation answer left the result out is read at once
      if (job.status !== 'success') await this.wait(delayMs)
      const polled = await this.send(upstreamUrl(this.upstream, `api/1/rql/job/${job.id}`, { expand: 'result' }))
      if (!polled.ok) return polled
      job = polled.job
    }
    const totalSec = RQL_POLL_DELAYS_MS.reduce((sum, ms) => sum + ms, 0) / 1000
    return { ok: false, unavailable: { kind: 'unfinished', reason: `the RQL job was still ${job.status} after ${totalSec} s` } }
  }

  private async send(url: URL, json?: unknown): Promise<{ ok: true; job: z.infer<typeof jobSchema> } | { ok: false; unavailable: RqlUnavailable }> {
    const reply = await requestUpstream(this.upstream, url, json === undefined ? undefined : { method: 'POST', json })
    // a plan without RQL (403), an API that does not have it (404, or 405 from the store before it had RQL)
    if ([401, 403, 404, 405].includes(reply.status)) return this.noRql(`${this.upstream.name} has no RQL (HTTP ${reply.status})`)
    // RQL is there but will not run this query (a column it lacks, say): this query falls back, later ones still try
    if (reply.status === 400 || reply.status === 422) {
      const message = safeUpstreamDetail(this.upstream, refusal(reply.text))
      return {
        ok: false,
        unavailable: { kind: 'failed', reason: `${this.upstream.name} refused the RQL query (HTTP ${reply.status}${message ? `: ${message}` : ''})` },
      }
    }
    let body: unknown
    try {
      body = upstreamJsonBody(this.upstream, reply)
    } catch (error) {
      if (error instanceof DashboardError) throw error
      throw badResponse(this.upstream, 'RQL job')
    }
    const parsed = jobEnvelope.safeParse(body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw badResponse(this.upstream, `RQL job ${issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : ''}`.trim())
    }
    if (parsed.data.err !== 0 || !parsed.data.result) {
      const message = parsed.data.message?.slice(0, 200)
      return this.noRql(`${this.upstream.name} has no RQL${message ? ` (${message})` : ''}`)
    }
    return { ok: true, job: parsed.data.result }
  }

  private noRql(reason: string): { ok: false; unavailable: RqlUnavailable } {
    this.noRqlUntil = this.now() + NO_RQL_MEMORY_MS
    this.noRqlReason = reason
    return { ok: false, unavailable: { kind: 'no_rql', reason } }
  }
}

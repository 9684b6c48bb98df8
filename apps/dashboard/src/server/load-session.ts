import 'server-only'
import type { SessionData } from '../features/sessions/model/session-timeline'
import { DashboardError } from './errors'
import { JaegerTraceSource } from './jaeger-trace-source'
import { scrub } from './respond'
import type { Sources } from './sources'

/** The span attribute web-tracing puts the session on (OpenTelemetry's `session.id`). */
export const SESSION_ID_ATTRIBUTE = 'session.id'
/** At most this many of a session's traces are shown (the newest). */
export const SESSION_TRACE_LIMIT = 500

async function part<T>(load: () => Promise<T>): Promise<T | { ok: false; reason: string }> {
  try {
    return await load()
  } catch (error) {
    // one source failing leaves the other half of the page; its message names it, never its URL or token
    if (error instanceof DashboardError) return { ok: false, reason: scrub(error.message) }
    throw error
  }
}

/** A session's traces (search by `session.id`) and Rollbar occurrences (RQL on `custom.session_id`); the id is validated by the caller. */
export async function loadSession(sessionId: string, sources: Pick<Sources, 'traces' | 'rollbar'>): Promise<SessionData> {
  const [traces, occurrences] = await Promise.all([
    part(async (): Promise<SessionData['traces']> => {
      if (sources.traces instanceof JaegerTraceSource) {
        return { ok: false, reason: `${sources.traces.name} searches only within one service, so a session's traces need the trace store or Tempo` }
      }
      const page = await sources.traces.search({ attributes: [{ key: SESSION_ID_ATTRIBUTE, value: sessionId }], errorsOnly: false, limit: SESSION_TRACE_LIMIT })
      return { ok: true, traces: page.traces, truncated: page.nextCursor !== null }
    }),
    part(async (): Promise<SessionData['occurrences']> => {
      const found = await sources.rollbar.sessionOccurrences(sessionId)
      return found.ok
        ? { ok: true, occurrences: found.occurrences }
        : { ok: false, reason: `a session's Rollbar occurrences are found with RQL, and ${found.reason}` }
    }),
  ])
  return { sessionId, traces, occurrences }
}

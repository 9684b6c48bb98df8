import type { Attributes } from '@opentelemetry/api'
import type { SessionRecord } from './session-tracker.js'

// OpenTelemetry's semantic conventions for sessions (session.id,
// session.previous_id), then the times, which they have no names for.
export const ATTR_SESSION_ID = 'session.id'
const ATTR_SESSION_PREVIOUS_ID = 'session.previous_id'
const ATTR_SESSION_START_TIME = 'spanlight.session.start_time_unix_ms'
const ATTR_SESSION_LAST_ACTIVITY_TIME = 'spanlight.session.last_activity_time_unix_ms'

/** The resource attributes of a session's spans; the id alone when the session is no longer known. */
export function sessionResourceAttributes(id: string, session: Readonly<SessionRecord> | undefined): Attributes {
  if (!session) return { [ATTR_SESSION_ID]: id }
  return {
    [ATTR_SESSION_ID]: id,
    ...(session.previousId && { [ATTR_SESSION_PREVIOUS_ID]: session.previousId }),
    [ATTR_SESSION_START_TIME]: session.startedMs,
    [ATTR_SESSION_LAST_ACTIVITY_TIME]: session.lastActiveMs,
  }
}

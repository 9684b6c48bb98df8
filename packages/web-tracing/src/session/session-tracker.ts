/** The storage key that keeps the session across reloads. */
export const SESSION_STORAGE_KEY = 'spanlight.session'
/** Writes of the last-activity time are spaced at least this far apart. */
const TOUCH_INTERVAL_MS = 5000

export interface SessionRecord {
  id: string
  /** when the session started, ms since epoch */
  startedMs: number
  /** the latest activity, ms since epoch */
  lastActiveMs: number
  /** the session this one replaced after a timeout, when there was one */
  previousId?: string
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>

export interface SessionTracker {
  /** the current session id; counts as activity, and starts a new session after `timeoutMs` of inactivity */
  currentId(): string
  /** the current session, like `currentId` */
  current(): Readonly<SessionRecord>
  /** the current session, or the one it replaced (its spans may still wait for export), as last known; undefined for any other id */
  find(id: string): Readonly<SessionRecord> | undefined
}

function randomHex(bytes: number): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes))
  return Array.from(data, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

const isSessionId = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{32}$/.test(value)

/** The stored session; one stored before start times were kept counts as started at `nowMs`. */
function readRecord(storage: StorageLike | undefined, nowMs: number): SessionRecord | undefined {
  try {
    const raw = storage?.getItem(SESSION_STORAGE_KEY)
    if (!raw) return undefined
    const { id, startedMs, lastActiveMs, previousId } = JSON.parse(raw) as Partial<SessionRecord>
    if (isSessionId(id) && typeof lastActiveMs === 'number')
      return { id, startedMs: typeof startedMs === 'number' ? startedMs : nowMs, lastActiveMs, ...(isSessionId(previousId) && { previousId }) }
  } catch {
    // unreadable or blocked storage: start a new session
  }
  return undefined
}

/**
 * Tracks the session. The session lives in `storage` (so it survives
 * reloads, with its id, start time and previous id) and ends after
 * `timeoutMs` without activity; the next one records the id it replaced.
 * Each `currentId`/`current` call counts as activity. Storage errors
 * (private mode, quota) only lose persistence.
 */
export function createSessionTracker(options: { storage: StorageLike | undefined; timeoutMs: number; now?: () => number }): SessionTracker {
  const now = options.now ?? Date.now
  let record: SessionRecord | undefined
  let replaced: SessionRecord | undefined
  let lastWrittenMs = -Infinity
  const adopt = (next: SessionRecord) => {
    if (record && record.id !== next.id) replaced = record
    return (record = next)
  }
  const write = (current: SessionRecord) => {
    lastWrittenMs = current.lastActiveMs
    try {
      options.storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(current))
    } catch {
      // persistence is best effort
    }
  }
  const stored = readRecord(options.storage, now())
  if (stored) adopt(stored)

  const current = (): SessionRecord => {
    const nowMs = now()
    // fast path: a live session that was written recently
    if (record && nowMs - record.lastActiveMs <= options.timeoutMs && nowMs - lastWrittenMs < TOUCH_INTERVAL_MS) {
      record.lastActiveMs = Math.max(nowMs, record.lastActiveMs)
      return record
    }
    // another tab may have extended or replaced the session
    const stored = readRecord(options.storage, nowMs)
    if (stored && (!record || stored.lastActiveMs > record.lastActiveMs)) adopt(stored)
    if (!record || nowMs - record.lastActiveMs > options.timeoutMs) {
      const next = adopt({ id: randomHex(16), startedMs: nowMs, lastActiveMs: nowMs, ...(record && { previousId: record.id }) })
      write(next)
      return next
    }
    record.lastActiveMs = Math.max(nowMs, record.lastActiveMs)
    if (record.lastActiveMs - lastWrittenMs >= TOUCH_INTERVAL_MS) write(record)
    return record
  }
  return {
    currentId: () => current().id,
    current,
    find: (id) => [record, replaced].find((known) => known?.id === id),
  }
}

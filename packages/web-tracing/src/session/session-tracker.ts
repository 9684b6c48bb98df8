/** The storage key that keeps the session across reloads. */
export const SESSION_STORAGE_KEY = 'spanlight.session'
/** Writes of the last-activity time are spaced at least this far apart. */
const TOUCH_INTERVAL_MS = 5000

export interface SessionRecord {
  id: string
  /** ms since epoch */
  lastActiveMs: number
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>

export interface SessionTracker {
  /** the current session id; starts a new session after `timeoutMs` of inactivity */
  currentId(): string
}

function randomHex(bytes: number): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes))
  return Array.from(data, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function readRecord(storage: StorageLike | undefined): SessionRecord | undefined {
  try {
    const raw = storage?.getItem(SESSION_STORAGE_KEY)
    if (!raw) return undefined
    const parsed = JSON.parse(raw) as Partial<SessionRecord>
    if (typeof parsed.id === 'string' && /^[0-9a-f]{32}$/.test(parsed.id) && typeof parsed.lastActiveMs === 'number')
      return { id: parsed.id, lastActiveMs: parsed.lastActiveMs }
  } catch {
    // unreadable or blocked storage: start a new session
  }
  return undefined
}

/**
 * Tracks the session id. The session lives in `storage` (so it survives
 * reloads) and ends after `timeoutMs` without activity; each call counts
 * as activity. Storage errors (private mode, quota) only lose persistence.
 */
export function createSessionTracker(options: { storage: StorageLike | undefined; timeoutMs: number; now?: () => number }): SessionTracker {
  const now = options.now ?? Date.now
  let record = readRecord(options.storage)
  let lastWrittenMs = -Infinity
  const write = (current: SessionRecord) => {
    lastWrittenMs = current.lastActiveMs
    try {
      options.storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(current))
    } catch {
      // persistence is best effort
    }
  }
  return {
    currentId() {
      const nowMs = now()
      // fast path: a live session that was written recently
      if (record && nowMs - record.lastActiveMs <= options.timeoutMs && nowMs - lastWrittenMs < TOUCH_INTERVAL_MS) {
        record.lastActiveMs = Math.max(nowMs, record.lastActiveMs)
        return record.id
      }
      // another tab may have extended or replaced the session
      const stored = readRecord(options.storage)
      if (stored && (!record || stored.lastActiveMs > record.lastActiveMs)) record = stored
      if (!record || nowMs - record.lastActiveMs > options.timeoutMs) {
        record = { id: randomHex(16), lastActiveMs: nowMs }
        write(record)
        return record.id
      }
      record = { id: record.id, lastActiveMs: Math.max(nowMs, record.lastActiveMs) }
      if (record.lastActiveMs - lastWrittenMs >= TOUCH_INTERVAL_MS) write(record)
      return record.id
    },
  }
}

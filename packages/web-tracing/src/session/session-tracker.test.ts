import { describe, expect, it } from 'vitest'
import { createSessionTracker, SESSION_STORAGE_KEY } from './session-tracker.js'

function memoryStorage() {
  const values = new Map<string, string>()
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value), values }
}

const stored = (storage: ReturnType<typeof memoryStorage>) => JSON.parse(storage.values.get(SESSION_STORAGE_KEY)!) as Record<string, unknown>
const ID_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'

describe('createSessionTracker', () => {
  it('keeps the same id and start time across trackers sharing storage (a reload)', () => {
    const storage = memoryStorage()
    let nowMs = 1_000_000
    const first = createSessionTracker({ storage, timeoutMs: 60_000, now: () => nowMs })
    const id = first.currentId()
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect(first.current()).toEqual({ id, startedMs: 1_000_000, lastActiveMs: 1_000_000 })
    nowMs += 10_000
    const afterReload = createSessionTracker({ storage, timeoutMs: 60_000, now: () => nowMs })
    expect(afterReload.current()).toEqual({ id, startedMs: 1_000_000, lastActiveMs: 1_010_000 })
  })

  it('moves the last-activity time with each use, and keeps the start time', () => {
    let nowMs = 0
    const tracker = createSessionTracker({ storage: undefined, timeoutMs: 60_000, now: () => nowMs })
    const id = tracker.currentId()
    nowMs = 1_000
    tracker.currentId()
    nowMs = 40_000
    expect(tracker.current()).toEqual({ id, startedMs: 0, lastActiveMs: 40_000 })
    expect(tracker.find(id)).toEqual({ id, startedMs: 0, lastActiveMs: 40_000 })
  })

  it('starts a new session after the inactivity timeout, naming the one it replaced', () => {
    const storage = memoryStorage()
    let nowMs = 0
    const tracker = createSessionTracker({ storage, timeoutMs: 60_000, now: () => nowMs })
    const id = tracker.currentId()
    nowMs += 30_000
    expect(tracker.currentId()).toBe(id)
    nowMs += 60_001
    const next = tracker.current()
    expect(next).toMatchObject({ startedMs: 90_001, lastActiveMs: 90_001, previousId: id })
    expect(next.id).not.toBe(id)
    expect(stored(storage)).toEqual({ id: next.id, startedMs: 90_001, lastActiveMs: 90_001, previousId: id })
    // the replaced session is still known (its spans may be waiting for export), with its last activity
    expect(tracker.find(id)).toEqual({ id, startedMs: 0, lastActiveMs: 30_000 })
    expect(tracker.find(ID_A)).toBeUndefined()
  })

  it('keeps the previous id across a reload, and names the stored session when it expired before the page loaded', () => {
    const storage = memoryStorage()
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ id: ID_A, startedMs: 0, lastActiveMs: 1_000 }))
    let nowMs = 100_000
    const tracker = createSessionTracker({ storage, timeoutMs: 60_000, now: () => nowMs })
    const session = tracker.current()
    expect(session).toMatchObject({ startedMs: 100_000, previousId: ID_A })
    nowMs += 1_000
    expect(createSessionTracker({ storage, timeoutMs: 60_000, now: () => nowMs }).current()).toEqual({ ...session, lastActiveMs: 101_000 })
  })

  it('counts a session stored without a start time (by an older version) as started now, and keeps that start', () => {
    const storage = memoryStorage()
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ id: ID_A, lastActiveMs: 1_000 }))
    let nowMs = 2_000
    expect(createSessionTracker({ storage, timeoutMs: 60_000, now: () => nowMs }).current()).toEqual({ id: ID_A, startedMs: 2_000, lastActiveMs: 2_000 })
    nowMs = 9_000
    expect(createSessionTracker({ storage, timeoutMs: 60_000, now: () => nowMs }).current()).toMatchObject({ id: ID_A, startedMs: 2_000 })
  })

  it('follows a session another tab started', () => {
    const storage = memoryStorage()
    let nowMs = 0
    const tracker = createSessionTracker({ storage, timeoutMs: 60_000, now: () => nowMs })
    const id = tracker.currentId()
    nowMs = 70_000
    const otherTab = { id: ID_A, startedMs: 70_000, lastActiveMs: 70_000, previousId: id }
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(otherTab))
    nowMs = 71_000
    expect(tracker.current()).toEqual({ ...otherTab, lastActiveMs: 71_000 })
  })

  it('ignores stored records that are not sessions', () => {
    const storage = memoryStorage()
    for (const value of ['{', '{"id":"x","lastActiveMs":1}', `{"id":"${ID_A}"}`, `{"id":"${ID_A}","lastActiveMs":1,"previousId":"<b>"}`]) {
      storage.setItem(SESSION_STORAGE_KEY, value)
      const session = createSessionTracker({ storage, timeoutMs: 60_000, now: () => 2 }).current()
      expect(session.previousId).toBeUndefined()
    }
  })

  it('works without storage and with storage that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('blocked')
      },
      setItem: () => {
        throw new Error('blocked')
      },
    }
    expect(createSessionTracker({ storage: undefined, timeoutMs: 1000 }).currentId()).toMatch(/^[0-9a-f]{32}$/)
    expect(createSessionTracker({ storage: throwing, timeoutMs: 1000 }).currentId()).toMatch(/^[0-9a-f]{32}$/)
  })
})

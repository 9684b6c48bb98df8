import { describe, expect, it } from 'vitest'
import { createSessionTracker, SESSION_STORAGE_KEY } from './session-tracker.js'

function memoryStorage() {
  const values = new Map<string, string>()
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value), values }
}

describe('createSessionTracker', () => {
  it('keeps the same id across trackers sharing storage (a reload)', () => {
    const storage = memoryStorage()
    let nowMs = 1_000_000
    const first = createSessionTracker({ storage, timeoutMs: 60_000, now: () => nowMs })
    const id = first.currentId()
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    nowMs += 10_000
    const afterReload = createSessionTracker({ storage, timeoutMs: 60_000, now: () => nowMs })
    expect(afterReload.currentId()).toBe(id)
  })

  it('starts a new session after the inactivity timeout', () => {
    const storage = memoryStorage()
    let nowMs = 0
    const tracker = createSessionTracker({ storage, timeoutMs: 60_000, now: () => nowMs })
    const id = tracker.currentId()
    nowMs += 30_000
    expect(tracker.currentId()).toBe(id)
    nowMs += 60_001
    const next = tracker.currentId()
    expect(next).not.toBe(id)
    expect(JSON.parse(storage.values.get(SESSION_STORAGE_KEY)!)).toMatchObject({ id: next })
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

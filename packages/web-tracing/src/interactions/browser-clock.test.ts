import { describe, expect, it } from 'vitest'
import { createBrowserClock } from './browser-clock.js'

/** The parts of a window the clock uses, with timers that run when the test says. */
function fakeWindow() {
  let nowMs = 0
  const timers: { atMs: number; callback: () => void }[] = []
  const win = {
    performance: { now: () => nowMs },
    setTimeout: (callback: () => void, delayMs: number) => timers.push({ atMs: nowMs + delayMs, callback }),
    document: { visibilityState: 'visible' },
  } as unknown as Window & typeof globalThis
  return {
    win,
    timers,
    advanceTo(atMs: number) {
      nowMs = atMs
      for (const timer of timers.splice(0).sort((a, b) => a.atMs - b.atMs)) {
        if (timer.atMs <= atMs) timer.callback()
        else timers.push(timer)
      }
    },
  }
}

describe('createBrowserClock().after', () => {
  it('serves deadlines set one after the other with one browser timer, re-armed for the next one due', () => {
    const fake = fakeWindow()
    const clock = createBrowserClock(fake.win)
    const fired: string[] = []
    clock.after(100, () => fired.push('first'))
    fake.advanceTo(10)
    const cancelSecond = clock.after(100, () => fired.push('second'))
    fake.advanceTo(20)
    clock.after(100, () => fired.push('third'))
    expect(fake.timers).toHaveLength(1)
    cancelSecond()
    fake.advanceTo(100)
    expect(fired).toEqual(['first'])
    fake.advanceTo(130)
    expect(fired).toEqual(['first', 'third'])
    expect(fake.timers).toHaveLength(0)
  })

  it('arms an earlier timer for a deadline due before the armed one, and a callback that throws stops no other', () => {
    const fake = fakeWindow()
    const clock = createBrowserClock(fake.win)
    const fired: string[] = []
    clock.after(1000, () => fired.push('late'))
    clock.after(50, () => {
      throw new Error('broken')
    })
    clock.after(50, () => fired.push('early'))
    fake.advanceTo(50)
    expect(fired).toEqual(['early'])
    fake.advanceTo(1000)
    expect(fired).toEqual(['early', 'late'])
  })
})

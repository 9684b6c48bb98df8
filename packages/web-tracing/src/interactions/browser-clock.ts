import type { InteractionClock } from './interaction.js'
import { atNextTaskBoundary, enterInteraction } from './interaction-scope.js'

interface Deadline {
  atMs: number
  callback: () => void
}

/**
 * The page's clock for interactions, on the browser's own timers (captured
 * before carryInteractions wraps them, so ending an interaction is never
 * work of an interaction) and the scope's task-boundary timer. Each
 * callback runs outside every interaction.
 */
export function createBrowserClock(win: Window & typeof globalThis): InteractionClock {
  const setTimer = win.setTimeout.bind(win)
  const requestFrame = typeof win.requestAnimationFrame === 'function' ? win.requestAnimationFrame.bind(win) : undefined
  const now = () => win.performance.now()
  const outside = (callback: () => void) => () => {
    enterInteraction(undefined)
    callback()
  }

  // Every interaction sets a deadline (its longest duration) and almost all
  // cancel it well before: one browser timer serves them all, armed for the
  // earliest deadline, so a click costs no timer of its own.
  const deadlines = new Set<Deadline>()
  let armedAtMs = Infinity
  const arm = (atMs: number) => {
    armedAtMs = atMs
    setTimer(fire, Math.max(0, atMs - now()))
  }
  const fire = () => {
    enterInteraction(undefined)
    armedAtMs = Infinity
    const nowMs = now()
    for (const deadline of [...deadlines]) {
      if (deadline.atMs > nowMs + 1) continue
      deadlines.delete(deadline)
      try {
        deadline.callback()
      } catch {
        // ending an interaction must not stop the others from ending
      }
    }
    let nextMs = Infinity
    for (const deadline of deadlines) nextMs = Math.min(nextMs, deadline.atMs)
    if (nextMs < Infinity) arm(nextMs)
  }

  return {
    now,
    beforeNextPaint(callback) {
      // a hidden page paints no frames: a task is the best there is
      if (!requestFrame || win.document.visibilityState === 'hidden') atNextTaskBoundary(callback)
      else requestFrame(outside(callback))
    },
    // the task that clears the interaction scope: one task for both
    afterTask: atNextTaskBoundary,
    after(delayMs, callback) {
      const deadline = { atMs: now() + delayMs, callback }
      deadlines.add(deadline)
      // a timer armed for a later time fires late and finds nothing due: harmless
      if (deadline.atMs < armedAtMs) arm(deadline.atMs)
      return () => deadlines.delete(deadline)
    },
  }
}

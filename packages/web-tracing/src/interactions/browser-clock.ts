import type { InteractionClock } from './interaction.js'
import { atNextTaskBoundary, enterInteraction } from './interaction-scope.js'

/**
 * The page's clock for interactions, on the browser's own timers (captured
 * before carryInteractions wraps them, so ending an interaction is never
 * work of an interaction) and the scope's task-boundary message. Each
 * callback runs outside every interaction.
 */
export function createBrowserClock(win: Window & typeof globalThis): InteractionClock {
  const setTimer = win.setTimeout.bind(win)
  const clearTimer = win.clearTimeout.bind(win)
  const requestFrame = typeof win.requestAnimationFrame === 'function' ? win.requestAnimationFrame.bind(win) : undefined
  const outside = (callback: () => void) => () => {
    enterInteraction(undefined)
    callback()
  }
  return {
    now: () => win.performance.now(),
    beforeNextPaint(callback) {
      // a hidden page paints no frames: a task is the best there is
      if (!requestFrame || win.document.visibilityState === 'hidden') atNextTaskBoundary(callback)
      else requestFrame(outside(callback))
    },
    // the task that clears the interaction scope: one task for both
    afterTask: atNextTaskBoundary,
    after(delayMs, callback) {
      const id = setTimer(outside(callback), delayMs)
      return () => clearTimer(id)
    },
  }
}

import type { InteractionClock } from './interaction.js'
import { enterInteraction } from './interaction-scope.js'

/**
 * The page's clock for interactions, on the browser's own timers (captured
 * before carryInteractions wraps them, so ending an interaction is never
 * work of an interaction). Each callback runs outside every interaction.
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
    afterNextPaint(callback) {
      // a hidden page paints no frames: a task is the best there is
      if (!requestFrame || win.document.visibilityState === 'hidden') setTimer(outside(callback), 0)
      else requestFrame(() => setTimer(outside(callback), 0))
    },
    after(delayMs, callback) {
      const id = setTimer(outside(callback), delayMs)
      return () => clearTimer(id)
    },
  }
}

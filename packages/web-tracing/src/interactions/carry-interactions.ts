import type { Interaction } from './interaction.js'
import { currentInteraction, enterInteraction } from './interaction-scope.js'

/** Timers up to this delay hold their interaction open (a handler's `await sleep(…)`, a debounce); longer ones carry it only while it is still open. */
export const SHORT_TIMER_MS = 1000

const BODY_READERS = ['json', 'text', 'arrayBuffer', 'blob', 'formData'] as const

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown

/**
 * Wraps the task entry points an interaction's code typically crosses, so
 * each runs in the scope it was scheduled from (see interaction-scope.ts):
 * - `setTimeout` and `requestAnimationFrame` callbacks run in the
 *   interaction that scheduled them (or in none: a timer scheduled outside
 *   every interaction never inherits one); timers up to 1 s and frames hold
 *   it open;
 * - `setInterval` callbacks always run in none: a repeating job is not part
 *   of the interaction that started it;
 * - the promises `fetch` and the Response body readers (`json()`, `text()`,
 *   …) return settle in the interaction that called them, which they hold
 *   open until then.
 * Calls pass through unchanged otherwise: same arguments, same return value,
 * same errors. Returns what restores the originals (a wrapper someone else
 * has wrapped since stays, and passes through).
 */
export function carryInteractions(win: Window & typeof globalThis): () => void {
  let active = true
  const restores: (() => void)[] = []
  const replace = (owner: object, key: string, wrap: (original: AnyFunction) => AnyFunction) => {
    const record = owner as Record<string, unknown>
    const original = record[key]
    if (typeof original !== 'function') return
    const replacement = wrap(original as AnyFunction)
    try {
      record[key] = replacement
    } catch {
      // locked by the page (a non-writable property, strict mode): that entry point is not carried
    }
    if (record[key] !== replacement) return
    restores.push(() => {
      if (record[key] === replacement) record[key] = original
    })
  }

  // work scheduled in an interaction and holding it open, by timer or frame id
  const heldTimers = new Map<unknown, Interaction>()
  const heldFrames = new Map<unknown, Interaction>()
  const releaseHeld = (held: Map<unknown, Interaction>, id: unknown) => {
    const interaction = held.get(id)
    if (!interaction) return
    held.delete(id)
    interaction.release()
  }

  replace(
    win,
    'setTimeout',
    (original) =>
      function setTimeout(handler: unknown, delayMs?: unknown, ...args: unknown[]) {
        if (!active || typeof handler !== 'function') return original.call(win, handler, delayMs, ...args)
        const interaction = currentInteraction()
        const holds = interaction !== undefined && !(Number(delayMs) > SHORT_TIMER_MS)
        if (holds) interaction.hold()
        const id = original.call(
          win,
          function (this: unknown, ...callbackArgs: unknown[]) {
            enterInteraction(interaction)
            try {
              return (handler as AnyFunction).apply(this, callbackArgs)
            } finally {
              releaseHeld(heldTimers, id)
            }
          },
          delayMs,
          ...args,
        )
        if (holds) heldTimers.set(id, interaction)
        return id
      } as AnyFunction,
  )
  replace(
    win,
    'clearTimeout',
    (original) =>
      function clearTimeout(id: unknown) {
        releaseHeld(heldTimers, id)
        return original.call(win, id)
      } as AnyFunction,
  )
  replace(
    win,
    'setInterval',
    (original) =>
      function setInterval(handler: unknown, ...rest: unknown[]) {
        if (!active || typeof handler !== 'function') return original.call(win, handler, ...rest)
        return original.call(
          win,
          function (this: unknown, ...callbackArgs: unknown[]) {
            enterInteraction(undefined)
            return (handler as AnyFunction).apply(this, callbackArgs)
          },
          ...rest,
        )
      } as AnyFunction,
  )
  replace(
    win,
    'requestAnimationFrame',
    (original) =>
      function requestAnimationFrame(callback: unknown) {
        if (!active || typeof callback !== 'function') return original.call(win, callback)
        const interaction = currentInteraction()
        interaction?.hold()
        const id = original.call(win, (timeMs: number) => {
          enterInteraction(interaction)
          try {
            return (callback as AnyFunction).call(win, timeMs)
          } finally {
            releaseHeld(heldFrames, id)
          }
        })
        if (interaction) heldFrames.set(id, interaction)
        return id
      } as AnyFunction,
  )
  replace(
    win,
    'cancelAnimationFrame',
    (original) =>
      function cancelAnimationFrame(id: unknown) {
        releaseHeld(heldFrames, id)
        return original.call(win, id)
      } as AnyFunction,
  )

  const settleInScope = (call: () => unknown) => {
    const interaction = currentInteraction()
    interaction?.hold()
    let result: unknown
    try {
      result = call()
    } catch (error) {
      interaction?.release()
      throw error
    }
    if (!isThenable(result)) {
      interaction?.release()
      return result
    }
    const settled = (): void => {
      enterInteraction(interaction)
      interaction?.release()
    }
    return new Promise((resolve, reject) => {
      result.then(
        (value) => {
          settled()
          resolve(value)
        },
        (error: unknown) => {
          settled()
          reject(error)
        },
      )
    })
  }
  replace(
    win,
    'fetch',
    (original) =>
      function fetch(this: unknown, ...args: unknown[]) {
        if (!active) return original.apply(this, args)
        return settleInScope(() => original.apply(this, args))
      } as AnyFunction,
  )
  if (typeof win.Response === 'function') {
    for (const reader of BODY_READERS)
      replace(
        win.Response.prototype,
        reader,
        (original) =>
          function (this: unknown) {
            if (!active) return original.call(this)
            return settleInScope(() => original.call(this))
          } as AnyFunction,
      )
  }

  return () => {
    active = false
    for (const restore of restores.reverse()) restore()
    for (const interaction of [...heldTimers.values(), ...heldFrames.values()]) interaction.release()
    heldTimers.clear()
    heldFrames.clear()
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function'
}

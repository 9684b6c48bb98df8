import type { Interaction } from './interaction.js'

// The interaction whose code is running now. The browser has no way to ask
// "which task am I in", so the scope is a variable with a lifetime rule:
// - it is set when an interaction's event is dispatched, and by every task
//   entry point this entry wraps (timers, animation frames, the settlement
//   of fetches and body reads) to the interaction that scheduled it, or to
//   none; its microtasks (`await` of resolved values, promise callbacks)
//   run in the same task and see it;
// - a task this entry does not wrap would see what the last one left, so
//   whenever a scope is set, a zero-delay timer (of the browser's own
//   setTimeout) is set: the task it runs in clears the scope.

let current: Interaction | undefined
let post: (() => void) | undefined
let boundaryPosted = false
let onBoundary: (() => void) | undefined
let afterBoundary: (() => void)[] = []

/** The open interaction whose code runs now, if any. */
export function currentInteraction(): Interaction | undefined {
  if (current && !current.isOpen) current = undefined
  return current
}

/** A task entry point starts: its code (and its microtasks) belong to `interaction`, or to none. */
export function enterInteraction(interaction: Interaction | undefined): void {
  current = interaction?.isOpen ? interaction : undefined
  if (current) postTaskBoundary()
}

/** Makes sure a later task clears the scope (and calls the boundary listener). */
export function postTaskBoundary(): void {
  if (boundaryPosted || !post) return
  boundaryPosted = true
  post()
}

/** Calls back at the next task boundary (a task of its own, after the current one and its microtasks), outside every interaction. */
export function atNextTaskBoundary(callback: () => void): void {
  afterBoundary.push(callback)
  postTaskBoundary()
}

/**
 * Starts clearing the scope at task boundaries; `listener` runs at each.
 * `setTimer` is the browser's own setTimeout (a zero-delay timer is the
 * cheapest task to ask for: a MessageChannel message costs several times
 * as much main-thread time per post). Returns what stops it.
 */
export function startTaskBoundaries(listener: () => void, setTimer: (callback: () => void, delayMs: number) => unknown): () => void {
  let stopped = false
  const boundary = () => {
    if (stopped) return
    boundaryPosted = false
    current = undefined
    const callbacks = afterBoundary
    afterBoundary = []
    for (const callback of [onBoundary, ...callbacks]) {
      try {
        callback?.()
      } catch {
        // bookkeeping of our own: never break the page
      }
      // a callback may have entered an interaction (ending one starts no work, but be sure)
      current = undefined
    }
  }
  post = () => setTimer(boundary, 0)
  onBoundary = listener
  return () => {
    stopped = true
    post = undefined
    onBoundary = undefined
    afterBoundary = []
    boundaryPosted = false
    current = undefined
  }
}

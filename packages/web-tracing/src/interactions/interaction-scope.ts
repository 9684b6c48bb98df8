import type { Interaction } from './interaction.js'

// The interaction whose code is running now. The browser has no way to ask
// "which task am I in", so the scope is a variable with a lifetime rule:
// - it is set when an interaction's event is dispatched, and by every task
//   entry point this entry wraps (timers, animation frames, the settlement
//   of fetches and body reads) to the interaction that scheduled it, or to
//   none; its microtasks (`await` of resolved values, promise callbacks)
//   run in the same task and see it;
// - a task this entry does not wrap would see what the last one left, so
//   whenever a scope is set, a MessageChannel message is posted: the task
//   it runs in clears the scope.

let current: Interaction | undefined
let port: MessagePort | undefined
let boundaryPosted = false
let onBoundary: (() => void) | undefined

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
  if (boundaryPosted || !port) return
  boundaryPosted = true
  port.postMessage(null)
}

/** Starts clearing the scope at task boundaries; `listener` runs at each. Returns what stops it. */
export function startTaskBoundaries(listener: () => void): () => void {
  const channel = new MessageChannel()
  channel.port1.onmessage = () => {
    boundaryPosted = false
    current = undefined
    try {
      onBoundary?.()
    } catch {
      // bookkeeping of our own: never break the page
    }
  }
  port = channel.port2
  onBoundary = listener
  return () => {
    channel.port1.onmessage = null
    channel.port1.close()
    port = undefined
    onBoundary = undefined
    boundaryPosted = false
    current = undefined
  }
}

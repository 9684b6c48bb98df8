import type { Span } from '@opentelemetry/api'

type SpanStartHook = (span: Span) => void

const hooks: SpanStartHook[] = []

/**
 * Lets an opt-in entry add attributes to every span as it starts (the routes
 * entry adds the current page). `initWebTracing` runs the hooks from its span
 * processor, so the default entry carries only this list. Returns the
 * function that removes the hook.
 */
export function addSpanStartHook(hook: SpanStartHook): () => void {
  hooks.push(hook)
  return () => {
    const index = hooks.indexOf(hook)
    if (index >= 0) hooks.splice(index, 1)
  }
}

/** Runs every hook; a hook that throws is skipped (the host app's span must start regardless). */
export function runSpanStartHooks(span: Span): void {
  for (const hook of hooks) {
    try {
      hook(span)
    } catch {
      // a broken hook loses its attributes, never the span
    }
  }
}

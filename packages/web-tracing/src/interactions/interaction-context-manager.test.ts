import { context, createContextKey, ROOT_CONTEXT, trace } from '@opentelemetry/api'
import { StackContextManager } from '@opentelemetry/sdk-trace'
import { afterEach, describe, expect, it } from 'vitest'
import { extendGlobalContextManager, InteractionContextManager } from './interaction-context-manager.js'

const KEY = createContextKey('which')
const interactionContext = ROOT_CONTEXT.setValue(KEY, 'interaction')

describe('InteractionContextManager', () => {
  afterEach(() => context.disable())

  it('answers the interaction context when nothing is active, and the active context otherwise', () => {
    let interaction: typeof interactionContext | undefined = interactionContext
    const manager = new InteractionContextManager(
      new StackContextManager().enable(),
      () => interaction,
      () => undefined,
    )
    expect(manager.active()).toBe(interactionContext)
    const own = ROOT_CONTEXT.setValue(KEY, 'own span')
    expect(manager.with(own, () => manager.active())).toBe(own)
    interaction = undefined
    expect(manager.active()).toBe(ROOT_CONTEXT)
  })

  it('answers the active context when the interaction lookup throws', () => {
    const manager = new InteractionContextManager(
      new StackContextManager().enable(),
      () => {
        throw new Error('broken')
      },
      () => undefined,
    )
    expect(manager.active()).toBe(ROOT_CONTEXT)
  })

  it('replaces the global manager, keeps what it did, and reports when it is disabled', () => {
    const inner = new StackContextManager().enable()
    context.setGlobalContextManager(inner)
    let disabled = 0
    expect(
      extendGlobalContextManager(
        () => interactionContext,
        () => disabled++,
      ),
    ).toBe(true)
    expect(context.active()).toBe(interactionContext)
    const span = trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 })
    context.with(trace.setSpan(ROOT_CONTEXT, span), () => expect(trace.getActiveSpan()).toBe(span))
    // initWebTracing's shutdown
    context.disable()
    expect(disabled).toBe(1)
  })
})

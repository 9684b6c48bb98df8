import { context, ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api'

/**
 * The context manager `initWebTracing` installed, extended: when nothing is
 * active (the root context), the open interaction's context is. Everything
 * else is the installed manager's: `context.with(…)`, `startActiveSpan`,
 * zone.js when loaded.
 */
export class InteractionContextManager implements ContextManager {
  constructor(
    private readonly inner: ContextManager,
    private readonly interactionContext: () => Context | undefined,
    private readonly onDisable: () => void,
  ) {}

  active(): Context {
    const active = this.inner.active()
    if (active !== ROOT_CONTEXT) return active
    try {
      return this.interactionContext() ?? active
    } catch {
      return active
    }
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.inner.with(context, fn, thisArg, ...args)
  }

  bind<T>(context: Context, target: T): T {
    return this.inner.bind(context, target)
  }

  enable(): this {
    this.inner.enable()
    return this
  }

  /** `initWebTracing`'s shutdown disables the global context manager: the interactions stop with it. */
  disable(): this {
    this.inner.disable()
    try {
      this.onDisable()
    } catch {
      // stopping our own bookkeeping must not stop the shutdown
    }
    return this
  }
}

/**
 * Puts an InteractionContextManager around the global context manager.
 * @opentelemetry/api has no public getter for it; `_getContextManager` has
 * been in every 1.x release. Returns false (and changes nothing) when there
 * is no manager to extend.
 */
export function extendGlobalContextManager(interactionContext: () => Context | undefined, onDisable: () => void): boolean {
  const api = context as unknown as { _getContextManager?: () => ContextManager | undefined }
  const inner = typeof api._getContextManager === 'function' ? api._getContextManager.call(context) : undefined
  if (!inner) return false
  const manager = new InteractionContextManager(inner, interactionContext, onDisable)
  context.disable()
  if (context.setGlobalContextManager(manager.enable())) return true
  context.setGlobalContextManager(inner.enable())
  return false
}

import type { Span, Tracer } from '@opentelemetry/api'
import { rememberErrorOrigin } from './rollbar/error-origins.js'

type AnyCallback = (span: Span) => unknown

/**
 * The tracer handed to the app: the SDK's tracer, except that an error
 * thrown (or a promise rejected) out of a `startActiveSpan` callback is
 * remembered with its span, so the Rollbar bridge can attribute it when it
 * arrives uncaught. Behaviour and return values are unchanged.
 */
export function rememberEscapingErrors(tracer: Tracer): Tracer {
  return {
    startSpan: (name, options, context) => tracer.startSpan(name, options, context),
    startActiveSpan(...args: unknown[]) {
      const callback = args[args.length - 1] as AnyCallback
      args[args.length - 1] = (span: Span) => {
        try {
          const result = callback(span)
          if (result && typeof (result as Promise<unknown>).then === 'function') {
            return (result as Promise<unknown>).then(undefined, (error: unknown) => {
              rememberErrorOrigin(error, span)
              throw error
            })
          }
          return result
        } catch (error) {
          rememberErrorOrigin(error, span)
          throw error
        }
      }
      return (tracer.startActiveSpan as (...callArgs: unknown[]) => unknown)(...args)
    },
  } as Tracer
}

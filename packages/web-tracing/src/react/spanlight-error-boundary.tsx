import { context, trace } from '@opentelemetry/api'
import { Component, type ErrorInfo, type ReactNode } from 'react'
import type { WebTracing } from '../init-web-tracing.js'
import { TracingContext } from './tracing-context.js'

/** Name of the span an error boundary records a caught render error on. */
export const ERROR_BOUNDARY_SPAN_NAME = 'react error boundary'

export interface SpanlightErrorBoundaryProps {
  /** shown instead of the children after an error; a function gets the error and a reset callback; default nothing */
  fallback?: ReactNode | ((props: { error: unknown; reset: () => void }) => ReactNode)
  /** called after the error was recorded; errors it throws are swallowed */
  onError?: (error: unknown, info: ErrorInfo) => void
  /** overrides the provider's handle */
  tracing?: WebTracing
  children?: ReactNode
}

interface State {
  error: unknown
  hasError: boolean
}

/**
 * Catches render errors below it, records each on a `react error boundary`
 * span (exception event, ERROR status) and reports it to Rollbar from that
 * span, so the span and the Rollbar item share the trace id.
 */
export class SpanlightErrorBoundary extends Component<SpanlightErrorBoundaryProps, State> {
  static override contextType = TracingContext
  declare context: WebTracing | undefined
  override state: State = { error: undefined, hasError: false }

  static getDerivedStateFromError(error: unknown): State {
    return { error, hasError: true }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const tracing = this.props.tracing ?? this.context
    try {
      if (tracing) {
        const span = tracing.tracer.startSpan(ERROR_BOUNDARY_SPAN_NAME)
        context.with(trace.setSpan(context.active(), span), () =>
          tracing.reportError(error, info.componentStack ? { componentStack: info.componentStack } : undefined),
        )
        span.end()
      }
    } catch {
      // reporting must never break the fallback
    }
    try {
      this.props.onError?.(error, info)
    } catch {
      // user callback
    }
  }

  reset = (): void => {
    this.setState({ error: undefined, hasError: false })
  }

  override render(): ReactNode {
    if (!this.state.hasError) return this.props.children
    const { fallback } = this.props
    return typeof fallback === 'function' ? fallback({ error: this.state.error, reset: this.reset }) : (fallback ?? null)
  }
}

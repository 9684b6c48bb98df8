import type { ReactNode } from 'react'
import type { WebTracing } from '../init-web-tracing.js'
import { instrumentQueryClient, type QueryClientLike, type QueryInstrumentationOptions } from './instrument-query-client.js'
import { TracingContext } from './tracing-context.js'

export interface SpanlightProviderProps {
  /** the handle `initWebTracing` returned (create it once, outside React) */
  tracing: WebTracing
  /** a TanStack `QueryClient` to instrument; default none */
  queryClient?: QueryClientLike
  /** how query and mutation spans are named and their keys recorded (used with `queryClient`) */
  queryInstrumentation?: QueryInstrumentationOptions
  children?: ReactNode
}

/**
 * Makes the tracing handle available to `useWebTracing` and
 * `SpanlightErrorBoundary`, and instruments `queryClient` when given.
 */
export function SpanlightProvider({ tracing, queryClient, queryInstrumentation, children }: SpanlightProviderProps) {
  // instrument during render (idempotent) so the first queries are already traced
  if (queryClient && tracing.enabled) instrumentQueryClient(queryClient, tracing, queryInstrumentation)
  return <TracingContext.Provider value={tracing}>{children}</TracingContext.Provider>
}

import type { ReactNode } from 'react'
import type { WebTracing } from '../init-web-tracing.js'
import { instrumentQueryClient, type QueryClientLike } from './instrument-query-client.js'
import { TracingContext } from './tracing-context.js'

export interface SpanlightProviderProps {
  /** the handle `initWebTracing` returned (create it once, outside React) */
  tracing: WebTracing
  /** a TanStack `QueryClient` to instrument; default none */
  queryClient?: QueryClientLike
  children?: ReactNode
}

/**
 * Makes the tracing handle available to `useWebTracing` and
 * `SpanlightErrorBoundary`, and instruments `queryClient` when given.
 */
export function SpanlightProvider({ tracing, queryClient, children }: SpanlightProviderProps) {
  // instrument during render (idempotent) so the first queries are already traced
  if (queryClient && tracing.enabled) instrumentQueryClient(queryClient, tracing)
  return <TracingContext.Provider value={tracing}>{children}</TracingContext.Provider>
}

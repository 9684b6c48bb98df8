'use client'

export { SpanlightProvider, type SpanlightProviderProps } from './spanlight-provider.js'
export { SpanlightErrorBoundary, ERROR_BOUNDARY_SPAN_NAME, type SpanlightErrorBoundaryProps } from './spanlight-error-boundary.js'
export { useWebTracing } from './tracing-context.js'
export {
  instrumentQueryClient,
  ATTR_QUERY_KEY,
  ATTR_QUERY_HASH,
  ATTR_QUERY_STATUS,
  ATTR_QUERY_RETRIES,
  ATTR_QUERY_CACHE_HIT,
  ATTR_MUTATION_KEY,
  type QueryClientLike,
  type QueryInstrumentationOptions,
  type QueryTracing,
} from './instrument-query-client.js'

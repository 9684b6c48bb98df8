export { createTraceStore, type TraceStore } from './create-trace-store.js'
export {
  DEFAULT_DATABASE_FILE,
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PORT,
  DEFAULT_RETENTION_MAX_AGE_MS,
  DEFAULT_RETENTION_MAX_SPANS,
  IN_MEMORY,
  type ResolvedTraceStoreOptions,
  type TraceStoreOptions,
} from './config.js'
export type { SearchPage, OperationView } from './query/search-traces.js'
export type { TraceSearch } from './query/trace-search.js'
export type { SpanView, TraceSummaryView, TraceView, ResourceView, ScopeView } from './query/trace-views.js'
export type { OtlpAnyValue, OtlpKeyValue } from './otlp/otlp-types.js'

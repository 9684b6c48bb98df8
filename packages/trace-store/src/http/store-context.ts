import type { ResolvedTraceStoreOptions } from '../config.js'
import type { IngestSpan } from '../otlp/otlp-types.js'
import type { TraceQueries } from '../query/trace-queries.js'
import type { RollbarStore } from '../rollbar/rollbar-store.js'

/** What the routes need from a running store. */
export interface StoreContext {
  options: ResolvedTraceStoreOptions
  /** writes spans in one transaction (throws when nothing could be committed) and applies the span limit */
  ingestSpans(spans: IngestSpan[]): number
  queries: TraceQueries
  rollbar: RollbarStore
}

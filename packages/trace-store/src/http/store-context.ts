import type { CommitBatch } from '../ingest/encoded-batch.js'
import type { OtlpEncoding } from '../otlp/otlp-response.js'
import type { ColumnarIndex } from '../query/columnar/columnar-index.js'
import type { TraceQueries } from '../query/trace-queries.js'
import type { RollbarStore } from '../rollbar/rollbar-store.js'
import type { RqlJobs } from '../rollbar/rql-jobs.js'
import type { SourceMapResolver } from '../rollbar/source-map-resolver.js'
import type { SourceMapStore } from '../rollbar/source-map-store.js'
import type { SavedQueries } from '../store/saved-queries.js'
import type { AllowedHosts } from './allowed-hosts.js'
import type { OriginPolicy } from './cors.js'
import type { IngestBudget } from './ingest-budget.js'

/** The options the server reads (the store's resolved options, see config.ts, have them all). */
export interface HttpOptions {
  corsOrigins: OriginPolicy
  /** hosts accepted in the Host header besides loopback names and `host` */
  allowedHosts: AllowedHosts
  /** the listen address */
  host: string
  /** largest accepted OTLP body, after decompression */
  maxBodyBytes: number
  ingestToken?: { header: string; value: string } | undefined
  readToken?: string | undefined
  rollbarPostToken?: string | undefined
  writeToken?: string | undefined
  /** the configured logger: requests with problems, unexpected errors */
  log(message: string): void
}

/** What the routes need from a running store. */
export interface StoreContext {
  options: HttpOptions
  /** admits OTLP requests while their bodies fit (ingest-budget.ts) */
  ingestBudget: IngestBudget
  /** decodes, validates and encodes a request body (off the main thread when ingest workers are on); rejects with OtlpRequestError */
  encodeBatch(encoding: OtlpEncoding, body: Buffer): Promise<CommitBatch>
  /** commits a batch in one transaction (throws when nothing could be committed) and applies the span limit */
  ingestBatch(batch: CommitBatch): number
  queries: TraceQueries
  /** queries saved with a name */
  savedQueries: SavedQueries
  /** answers custom queries (POST /api/query); absent when the store runs without it */
  queryIndex: ColumnarIndex | undefined
  rollbar: RollbarStore
  /** RQL jobs against the Rollbar tables (rql-jobs.ts) */
  rqlJobs: RqlJobs
  /** maps uploaded through POST /api/1/sourcemap */
  sourceMaps: SourceMapStore
  /** rewrites occurrences' minified browser frames to their original places before they are served */
  frameResolver: SourceMapResolver
}

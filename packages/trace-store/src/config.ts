import type { AllowedHosts } from './http/allowed-hosts.js'
import type { OriginPolicy } from './http/cors.js'
import { availableParallelism } from 'node:os'
import { sourceMapOriginOf } from './rollbar/source-map-fetcher.js'
import { IN_MEMORY } from './store/open-database.js'

export interface TraceStoreOptions {
  /** default 127.0.0.1 */
  host?: string
  /** default 4318 (the OTLP/HTTP port); 0 picks a free port */
  port?: number
  /** SQLite file; default `.spanlight/trace-store.db`; ':memory:' keeps everything in memory */
  databaseFile?: string
  /** largest accepted body in bytes, after decompression; default 20 MiB */
  maxBodyBytes?: number
  /** OTLP requests ingested at once; more get 503 + Retry-After; default 32 */
  maxConcurrentIngests?: number
  /**
   * total bytes of the OTLP bodies being ingested at once (after decompression); a request that would pass it gets
   * 503 + Retry-After; at least `maxBodyBytes`, and by default just that: one largest request at a time (decoded,
   * a body takes about 20 times its size, see the README's Limits), or many small ones
   */
  maxInFlightBodyBytes?: number
  /**
   * browser origins allowed: 'localhost' (default: any http(s) origin on localhost/127.0.0.1/[::1]), '*', or a list;
   * a request with any other Origin is refused (403)
   */
  corsOrigins?: OriginPolicy
  /**
   * hosts accepted in the Host header (any port) besides localhost, 127.0.0.1, [::1] and `host` (every IP address
   * when `host` is 0.0.0.0 or ::); '*' accepts any. Others are refused (403): it keeps DNS-rebinding pages out.
   */
  allowedHosts?: AllowedHosts
  /** when set, OTLP requests must carry this header with this value */
  ingestToken?: { header: string; value: string }
  /** when set, the query API needs `Authorization: Bearer <readToken>` and Rollbar GETs need it as X-Rollbar-Access-Token */
  readToken?: string
  /** when set, POST /api/1/item/ needs this X-Rollbar-Access-Token */
  rollbarPostToken?: string
  /** when set, Rollbar changes (PATCH /api/1/item/:id) need this X-Rollbar-Access-Token, as Rollbar's need a write-scope token */
  writeToken?: string
  /**
   * origins of apps whose source maps the store may fetch (`<script URL>.map`, or the script's sourceMappingURL) to
   * resolve their occurrences' frames when no map was uploaded, e.g. `['http://127.0.0.1:3000']`; default none: the
   * store fetches nothing. For local development; upload maps (POST /api/1/sourcemap) anywhere else.
   */
  sourceMapOrigins?: string[]
  /** delete traces, and Rollbar occurrences, older than this; default 7 days; 0 keeps them */
  retentionMaxAgeMs?: number
  /** delete the oldest traces beyond this many spans; default 5,000,000; 0 means no limit */
  retentionMaxSpans?: number
  /** keep at most this many Rollbar occurrences, the earliest received deleted first (an item goes with its last one); default 100,000; 0 means no limit */
  retentionMaxRollbarOccurrences?: number
  /** how often the age limit is enforced; default 60 s */
  retentionIntervalMs?: number
  /** threads that decode and compress OTLP requests; 0 does it on the main thread; default: one per core, at most 4 */
  ingestWorkers?: number
  /**
   * keep the query index (a DuckDB copy of the spans' fields, for POST /api/query), in `<databaseFile>.query-index.duckdb`
   * (rebuilt from the store at each start) or in memory for an in-memory store; default true
   */
  queryIndex?: boolean
  /** DuckDB's memory limit for the query index: a query that needs more fails with 422; default '256MB' */
  queryMemoryLimit?: string
  /** a custom query running longer is stopped and answered 422; default 10 s */
  queryTimeoutMs?: number
  /**
   * Compare reads a baseline of more spans than this through a deterministic sample of about this many (its counts
   * scaled, `baseline.sampledSpans` in the answer); 0 reads every span; default 50,000
   */
  compareBaselineSampleSpans?: number
  /** log one line per request with problems; default true */
  log?: (message: string) => void
}

export type ResolvedTraceStoreOptions = Required<Omit<TraceStoreOptions, 'ingestToken' | 'readToken' | 'rollbarPostToken' | 'writeToken'>> &
  Pick<TraceStoreOptions, 'ingestToken' | 'readToken' | 'rollbarPostToken' | 'writeToken'>

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_PORT = 4318
export const DEFAULT_DATABASE_FILE = '.spanlight/trace-store.db'
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024
export const DEFAULT_MAX_CONCURRENT_INGESTS = 32
export const DEFAULT_QUERY_MEMORY_LIMIT = '256MB'
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000
/** a baseline this large gives each share to within about ±0.44 percentage points (95%); twice as many cost ~18% more Compare time at 1M spans */
export const DEFAULT_COMPARE_BASELINE_SAMPLE_SPANS = 50_000
export const DEFAULT_RETENTION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000
export const DEFAULT_RETENTION_MAX_SPANS = 5_000_000
export const DEFAULT_RETENTION_MAX_ROLLBAR_OCCURRENCES = 100_000
export const DEFAULT_RETENTION_INTERVAL_MS = 60_000
export const MAX_DEFAULT_INGEST_WORKERS = 4

export function resolveOptions(options: TraceStoreOptions): ResolvedTraceStoreOptions {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const maxInFlightBodyBytes = options.maxInFlightBodyBytes ?? maxBodyBytes
  // A budget below one body would refuse the largest accepted request forever, with 503s that say "retry".
  if (maxInFlightBodyBytes < maxBodyBytes) {
    throw new Error(`maxInFlightBodyBytes (${maxInFlightBodyBytes}) must be at least maxBodyBytes (${maxBodyBytes})`)
  }
  return {
    host: options.host ?? DEFAULT_HOST,
    port: options.port ?? DEFAULT_PORT,
    databaseFile: options.databaseFile ?? DEFAULT_DATABASE_FILE,
    maxBodyBytes,
    maxConcurrentIngests: Math.max(1, options.maxConcurrentIngests ?? DEFAULT_MAX_CONCURRENT_INGESTS),
    maxInFlightBodyBytes,
    corsOrigins: options.corsOrigins ?? 'localhost',
    allowedHosts: options.allowedHosts ?? [],
    ingestToken: options.ingestToken,
    readToken: options.readToken,
    rollbarPostToken: options.rollbarPostToken,
    writeToken: options.writeToken,
    sourceMapOrigins: (options.sourceMapOrigins ?? []).map(checkedSourceMapOrigin),
    retentionMaxAgeMs: options.retentionMaxAgeMs ?? DEFAULT_RETENTION_MAX_AGE_MS,
    retentionMaxSpans: options.retentionMaxSpans ?? DEFAULT_RETENTION_MAX_SPANS,
    retentionMaxRollbarOccurrences: options.retentionMaxRollbarOccurrences ?? DEFAULT_RETENTION_MAX_ROLLBAR_OCCURRENCES,
    retentionIntervalMs: options.retentionIntervalMs ?? DEFAULT_RETENTION_INTERVAL_MS,
    ingestWorkers: options.ingestWorkers ?? Math.min(MAX_DEFAULT_INGEST_WORKERS, availableParallelism()),
    queryIndex: options.queryIndex ?? true,
    queryMemoryLimit: options.queryMemoryLimit ?? DEFAULT_QUERY_MEMORY_LIMIT,
    queryTimeoutMs: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    compareBaselineSampleSpans: options.compareBaselineSampleSpans ?? DEFAULT_COMPARE_BASELINE_SAMPLE_SPANS,
    log: options.log ?? ((message) => console.log(`[spanlight-store] ${message}`)),
  }
}

function checkedSourceMapOrigin(text: string): string {
  const origin = sourceMapOriginOf(text)
  if (origin === null) throw new Error(`sourceMapOrigins: '${text}' is not an http(s) origin like http://127.0.0.1:3000`)
  return origin
}

export { IN_MEMORY }

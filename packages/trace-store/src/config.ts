import type { AllowedHosts } from './http/allowed-hosts.js'
import type { OriginPolicy } from './http/cors.js'
import { availableParallelism } from 'node:os'
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
  /** delete traces older than this; default 7 days; 0 keeps them */
  retentionMaxAgeMs?: number
  /** delete the oldest traces beyond this many spans; default 5,000,000; 0 means no limit */
  retentionMaxSpans?: number
  /** how often the age limit is enforced; default 60 s */
  retentionIntervalMs?: number
  /** threads that decode and compress OTLP requests; 0 does it on the main thread; default: one per core, at most 4 */
  ingestWorkers?: number
  /** log one line per request with problems; default true */
  log?: (message: string) => void
}

export type ResolvedTraceStoreOptions = Required<Omit<TraceStoreOptions, 'ingestToken' | 'readToken' | 'rollbarPostToken'>> &
  Pick<TraceStoreOptions, 'ingestToken' | 'readToken' | 'rollbarPostToken'>

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_PORT = 4318
export const DEFAULT_DATABASE_FILE = '.spanlight/trace-store.db'
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024
export const DEFAULT_RETENTION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000
export const DEFAULT_RETENTION_MAX_SPANS = 5_000_000
export const DEFAULT_RETENTION_INTERVAL_MS = 60_000
export const MAX_DEFAULT_INGEST_WORKERS = 4

export function resolveOptions(options: TraceStoreOptions): ResolvedTraceStoreOptions {
  return {
    host: options.host ?? DEFAULT_HOST,
    port: options.port ?? DEFAULT_PORT,
    databaseFile: options.databaseFile ?? DEFAULT_DATABASE_FILE,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    corsOrigins: options.corsOrigins ?? 'localhost',
    allowedHosts: options.allowedHosts ?? [],
    ingestToken: options.ingestToken,
    readToken: options.readToken,
    rollbarPostToken: options.rollbarPostToken,
    retentionMaxAgeMs: options.retentionMaxAgeMs ?? DEFAULT_RETENTION_MAX_AGE_MS,
    retentionMaxSpans: options.retentionMaxSpans ?? DEFAULT_RETENTION_MAX_SPANS,
    retentionIntervalMs: options.retentionIntervalMs ?? DEFAULT_RETENTION_INTERVAL_MS,
    ingestWorkers: options.ingestWorkers ?? Math.min(MAX_DEFAULT_INGEST_WORKERS, availableParallelism()),
    log: options.log ?? ((message) => console.log(`[spanlight-store] ${message}`)),
  }
}

export { IN_MEMORY }

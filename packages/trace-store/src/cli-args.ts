import { parseArgs } from 'node:util'
import {
  DEFAULT_DATABASE_FILE,
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_CONCURRENT_INGESTS,
  DEFAULT_PORT,
  DEFAULT_RETENTION_MAX_AGE_MS,
  DEFAULT_RETENTION_MAX_ROLLBAR_OCCURRENCES,
  DEFAULT_RETENTION_MAX_SPANS,
  MAX_DEFAULT_INGEST_WORKERS,
  type TraceStoreOptions,
} from './config.js'
import { sourceMapOriginOf } from './rollbar/source-map-fetcher.js'

export const HELP_TEXT = `spanlight-store: OTLP/HTTP trace receiver, SQLite span store, trace query API and Rollbar-compatible item API

Usage: spanlight-store [options]

  --host <address>           listen address (default ${DEFAULT_HOST})
  --port <port>              listen port (default ${DEFAULT_PORT})
  --db <file>                SQLite file (default ${DEFAULT_DATABASE_FILE})
  --memory                   keep everything in memory (nothing survives a restart)
  --max-body <size>          largest body after decompression, e.g. 20MiB (default ${DEFAULT_MAX_BODY_BYTES / 1024 / 1024}MiB)
  --max-ingests <count>      OTLP requests ingested at once; more get 503 + Retry-After (default ${DEFAULT_MAX_CONCURRENT_INGESTS})
  --max-in-flight <size>     total body bytes of the OTLP requests ingested at once, at least --max-body (default: --max-body)
  --retention-age <duration> delete traces and Rollbar occurrences older than this, e.g. 24h, 7d, 0 to keep (default ${DEFAULT_RETENTION_MAX_AGE_MS / 86_400_000}d)
  --retention-spans <count>  keep at most this many spans, oldest traces deleted first, 0 for no limit (default ${DEFAULT_RETENTION_MAX_SPANS})
  --retention-rollbar <n>    keep at most this many Rollbar occurrences, earliest deleted first, 0 for no limit (default ${DEFAULT_RETENTION_MAX_ROLLBAR_OCCURRENCES})
  --cors-origin <origin>     allow this browser origin (repeatable); '*' allows any (default: any origin on localhost/127.0.0.1);
                             requests from other origins are refused
  --allowed-host <host>      also answer requests whose Host is this name (repeatable, any port); '*' for any
                             (default: localhost, 127.0.0.1, [::1] and the --host address)
  --ingest-token-header <h>  header that must carry SPANLIGHT_INGEST_TOKEN on OTLP requests (default x-spanlight-token)
  --source-map-origin <o>    fetch source maps of scripts served from this origin to resolve browser frames
                             (repeatable; for local development, e.g. http://127.0.0.1:3000; default: none)
  --ingest-workers <count>   threads that decode and compress OTLP requests, 0 for none (default: one per core, at most ${MAX_DEFAULT_INGEST_WORKERS})
  --no-query-index           no query index: POST /api/query answers 503 (saves its memory and the work at ingest)
  -h, --help                 show this help

Secrets come from the environment, never from arguments:
  SPANLIGHT_INGEST_TOKEN        required on POST /v1/traces when set
  SPANLIGHT_READ_TOKEN          required on the query API (Authorization: Bearer) and Rollbar GETs when set
  SPANLIGHT_ROLLBAR_POST_TOKEN  required as X-Rollbar-Access-Token on POST /api/1/item/ when set
  SPANLIGHT_WRITE_TOKEN         required as X-Rollbar-Access-Token on PATCH /api/1/item/:id when set
`

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/
const DURATION_UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
const SIZE_PATTERN = /^(\d+)(B|KiB|MiB|GiB)?$/i
const SIZE_UNIT_BYTES: Record<string, number> = { b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 }

export class CliUsageError extends Error {}

export function parseDurationMs(text: string, option: string): number {
  if (text === '0') return 0
  const match = DURATION_PATTERN.exec(text)
  if (!match) throw new CliUsageError(`${option}: '${text}' is not a duration like 90s, 24h or 7d`)
  return Math.round(Number(match[1]) * DURATION_UNIT_MS[match[2]!]!)
}

export function parseSizeBytes(text: string, option: string): number {
  const match = SIZE_PATTERN.exec(text)
  if (!match) throw new CliUsageError(`${option}: '${text}' is not a size like 512KiB or 20MiB`)
  return Number(match[1]) * SIZE_UNIT_BYTES[(match[2] ?? 'b').toLowerCase()]!
}

function parseWholeNumber(text: string, option: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) > max) throw new CliUsageError(`${option}: '${text}' must be a whole number up to ${max}`)
  return Number(text)
}

function parseSourceMapOrigin(text: string): string {
  const origin = sourceMapOriginOf(text)
  if (origin === null) throw new CliUsageError(`--source-map-origin: '${text}' is not an http(s) origin like http://127.0.0.1:3000`)
  return origin
}

export type CliCommand = { help: true } | { help: false; options: TraceStoreOptions }

export function parseCliArgs(args: string[], env: NodeJS.ProcessEnv): CliCommand {
  let values
  try {
    values = parseArgs({
      args,
      strict: true,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        db: { type: 'string' },
        memory: { type: 'boolean' },
        'max-body': { type: 'string' },
        'max-ingests': { type: 'string' },
        'max-in-flight': { type: 'string' },
        'retention-age': { type: 'string' },
        'retention-spans': { type: 'string' },
        'retention-rollbar': { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        'allowed-host': { type: 'string', multiple: true },
        'ingest-token-header': { type: 'string' },
        'ingest-workers': { type: 'string' },
        'source-map-origin': { type: 'string', multiple: true },
        'no-query-index': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    throw new CliUsageError((error as Error).message)
  }
  if (values.help) return { help: true }
  if (values.memory && values.db) throw new CliUsageError('--memory and --db cannot be used together')

  const options: TraceStoreOptions = {}
  if (values.host) options.host = values.host
  if (values.port) options.port = parseWholeNumber(values.port, '--port', 65_535)
  if (values.memory) options.databaseFile = ':memory:'
  if (values['no-query-index']) options.queryIndex = false
  else if (values.db) options.databaseFile = values.db
  if (values['max-body']) options.maxBodyBytes = parseSizeBytes(values['max-body'], '--max-body')
  if (values['max-ingests']) options.maxConcurrentIngests = parseWholeNumber(values['max-ingests'], '--max-ingests', 10_000)
  if (values['max-in-flight']) options.maxInFlightBodyBytes = parseSizeBytes(values['max-in-flight'], '--max-in-flight')
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (options.maxInFlightBodyBytes !== undefined && options.maxInFlightBodyBytes < maxBodyBytes) {
    throw new CliUsageError(`--max-in-flight: ${options.maxInFlightBodyBytes} bytes is less than --max-body (${maxBodyBytes} bytes)`)
  }
  if (values['retention-age']) options.retentionMaxAgeMs = parseDurationMs(values['retention-age'], '--retention-age')
  if (values['retention-spans']) options.retentionMaxSpans = parseWholeNumber(values['retention-spans'], '--retention-spans', Number.MAX_SAFE_INTEGER)
  if (values['retention-rollbar'])
    options.retentionMaxRollbarOccurrences = parseWholeNumber(values['retention-rollbar'], '--retention-rollbar', Number.MAX_SAFE_INTEGER)
  if (values['ingest-workers']) options.ingestWorkers = parseWholeNumber(values['ingest-workers'], '--ingest-workers', 64)
  const origins = values['cors-origin']
  if (origins && origins.length > 0) options.corsOrigins = origins.includes('*') ? '*' : origins
  const sourceMapOrigins = values['source-map-origin']
  if (sourceMapOrigins && sourceMapOrigins.length > 0) options.sourceMapOrigins = sourceMapOrigins.map(parseSourceMapOrigin)
  const hosts = values['allowed-host']
  if (hosts && hosts.length > 0) options.allowedHosts = hosts.includes('*') ? '*' : hosts
  if (env.SPANLIGHT_INGEST_TOKEN) options.ingestToken = { header: values['ingest-token-header'] ?? 'x-spanlight-token', value: env.SPANLIGHT_INGEST_TOKEN }
  if (env.SPANLIGHT_READ_TOKEN) options.readToken = env.SPANLIGHT_READ_TOKEN
  if (env.SPANLIGHT_ROLLBAR_POST_TOKEN) options.rollbarPostToken = env.SPANLIGHT_ROLLBAR_POST_TOKEN
  if (env.SPANLIGHT_WRITE_TOKEN) options.writeToken = env.SPANLIGHT_WRITE_TOKEN
  return { help: false, options }
}

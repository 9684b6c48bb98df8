import type { AddressInfo } from 'node:net'
import { resolveOptions, type ResolvedTraceStoreOptions, type TraceStoreOptions } from './config.js'
import { createStoreServer } from './http/create-server.js'
import { IngestBudget } from './http/ingest-budget.js'
import type { StoreContext } from './http/store-context.js'
import { createBatchEncoder } from './ingest/batch-encoder.js'
import type { CommitBatch } from './ingest/encoded-batch.js'
import { ColumnarIndex } from './query/columnar/columnar-index.js'
import { TraceQueries } from './query/trace-queries.js'
import { RollbarStore } from './rollbar/rollbar-store.js'
import { RqlExecutor } from './rollbar/rql-executor.js'
import { RqlJobs } from './rollbar/rql-jobs.js'
import { SourceMapFetcher } from './rollbar/source-map-fetcher.js'
import { SourceMapResolver } from './rollbar/source-map-resolver.js'
import { SourceMapStore } from './rollbar/source-map-store.js'
import { IN_MEMORY, openDatabase } from './store/open-database.js'
import { Retention } from './store/retention.js'
import { SavedQueries } from './store/saved-queries.js'
import { SpanWriter } from './store/span-writer.js'

/** DuckDB threads for custom queries: two cores answer a GROUP BY over a million spans in tens of ms (bench:query). */
const QUERY_THREADS = 2

export interface TraceStore {
  /** base URL, e.g. http://127.0.0.1:4318 */
  url: string
  port: number
  options: ResolvedTraceStoreOptions
  queries: TraceQueries
  /** applies the retention limits now, to traces and Rollbar occurrences */
  prune(): { deletedTraces: number; deletedSpans: number; deletedOccurrences: number; deletedItems: number }
  /** stops accepting requests, finishes the open ones and closes the database */
  close(): Promise<void>
}

/** Opens the database and starts the HTTP server; resolves once it listens. */
export async function createTraceStore(options: TraceStoreOptions = {}): Promise<TraceStore> {
  const resolved = resolveOptions(options)
  const db = openDatabase(resolved.databaseFile)
  const writer = new SpanWriter(db)
  const encoder = createBatchEncoder(resolved.ingestWorkers)
  const queryIndex = resolved.queryIndex
    ? new ColumnarIndex(
        db,
        {
          file: resolved.databaseFile === IN_MEMORY ? IN_MEMORY : `${resolved.databaseFile}.query-index.duckdb`,
          memoryLimit: resolved.queryMemoryLimit,
          threads: QUERY_THREADS,
          queryTimeoutMs: resolved.queryTimeoutMs,
          compareBaselineSampleSpans: resolved.compareBaselineSampleSpans,
        },
        resolved.log,
      )
    : undefined
  const retention = new Retention(db, { maxAgeMs: resolved.retentionMaxAgeMs, maxSpans: resolved.retentionMaxSpans }, (traceIds) =>
    queryIndex?.tracesDeleted(traceIds),
  )
  const queries = new TraceQueries(db)
  const rollbar = new RollbarStore(db, { maxAgeMs: resolved.retentionMaxAgeMs, maxOccurrences: resolved.retentionMaxRollbarOccurrences })
  const sourceMaps = new SourceMapStore(db)
  const fetcher = resolved.sourceMapOrigins.length > 0 ? new SourceMapFetcher(resolved.sourceMapOrigins) : undefined
  const frameResolver = new SourceMapResolver({ store: sourceMaps, fetcher, log: resolved.log })
  const prune = () => ({ ...retention.prune(), ...rollbar.prune() })

  const context: StoreContext = {
    options: resolved,
    ingestBudget: new IngestBudget({ maxRequests: resolved.maxConcurrentIngests, maxBodyBytes: resolved.maxInFlightBodyBytes }),
    queries,
    queryIndex,
    savedQueries: new SavedQueries(db),
    rollbar,
    rqlJobs: new RqlJobs(new RqlExecutor(db)),
    sourceMaps,
    frameResolver,
    encodeBatch: (encoding, body) => encoder.encode(encoding, body),
    ingestBatch(batch: CommitBatch) {
      if (batch.traceCount === 0) return 0
      const insertedCount = writer.writeBatch(batch)
      queryIndex?.feed()
      retention.recordInserted(insertedCount)
      if (retention.isOverSpanLimit()) retention.prune()
      return insertedCount
    },
  }

  const server = createStoreServer(context)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  prune()
  const retentionTimer = setInterval(prune, resolved.retentionIntervalMs)
  retentionTimer.unref()

  const port = (server.address() as AddressInfo).port
  let closing: Promise<void> | null = null
  return {
    url: `http://${resolved.host}:${port}`,
    port,
    options: resolved,
    queries,
    prune,
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(retentionTimer)
        server.close(() => {
          db.close()
          Promise.all([encoder.close(), queryIndex?.close()]).then(() => resolve(), resolve)
        })
        server.closeIdleConnections()
        // Requests still running get a moment, then their sockets are cut so shutdown stays quick.
        setTimeout(() => server.closeAllConnections(), 1000).unref()
      })
      return closing
    },
  }
}

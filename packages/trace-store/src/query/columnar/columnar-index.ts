import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import { workerScript } from '../../ingest/worker-script.js'
import { parseSpanIndex } from '../../ingest/span-chunk-codec.js'
import type { SqliteDatabase } from '../../store/open-database.js'
import type { CompareSpec } from '../custom/compare-spec.js'
import type { QuerySpec } from '../custom/query-spec.js'
import type { ChunkRow, ContentRow, IndexReply, IndexRequest, IndexWorkerOptions, QueryFailure, Question } from './index-messages.js'

/** Chunks read from SQLite per slice: a large backlog (a restart, a Collector batch) is fed in turns, never in one block. */
const CHUNKS_PER_SLICE = 2000
/** Compressed bytes sent to the worker and not yet appended: past this, feeding waits, so a slow index cannot grow memory. */
const MAX_PENDING_BYTES = 32 * 1024 * 1024

/** How long closing waits for the worker to finish its queue and close DuckDB before it is terminated. */
const CLOSE_WAIT_MS = 5000

/** Why a query was not answered; the route turns it into a status. */
export class QueryIndexError extends Error {
  constructor(
    readonly reason: QueryFailure | 'unavailable',
    message: string,
  ) {
    super(message)
    this.name = 'QueryIndexError'
  }
}

interface PendingQuery {
  resolve(json: string): void
  reject(error: Error): void
}

/**
 * The query index's main-thread side. The store commits spans to SQLite as before; after each commit `feed()` reads
 * the chunk rows it has not sent yet (by id, so it also picks up other writers' rows and a backlog at start) and posts
 * them, undecoded, to the index worker, which appends them to DuckDB. Retention's deletes follow by trace id. A query
 * is posted after every chunk committed before it, so it sees all of them.
 */
export class ColumnarIndex {
  private readonly worker: Worker
  /** the largest chunk id sent to the worker */
  private sentChunkId = 0
  private pendingBytes = 0
  private readonly sentResources = new Set<number>()
  private readonly sentScopes = new Set<number>()
  private readonly queries = new Map<number, PendingQuery>()
  private nextQueryId = 1
  private broken: string | undefined
  private feeding: ReturnType<typeof setImmediate> | undefined
  private drained: (() => void)[] = []
  private readonly selectChunks
  private readonly selectMaxChunkId
  private readonly selectResource
  private readonly selectScope

  constructor(
    db: SqliteDatabase,
    options: IndexWorkerOptions,
    private readonly log: (message: string) => void,
  ) {
    this.selectChunks = db.prepare(`SELECT id, trace_id, span_index, spans FROM span_chunks WHERE id > ? ORDER BY id LIMIT ${CHUNKS_PER_SLICE}`)
    this.selectMaxChunkId = db.prepare('SELECT coalesce(max(id), 0) FROM span_chunks').pluck()
    this.selectResource = db.prepare('SELECT json FROM resources WHERE id = ?').pluck()
    this.selectScope = db.prepare('SELECT json FROM scopes WHERE id = ?').pluck()
    const script = workerScript('index-worker', import.meta.url)
    this.worker = new Worker(script.entry, { eval: script.eval, workerData: options })
    this.worker.on('message', (reply: IndexReply) => this.onReply(reply))
    this.worker.on('error', (error) => this.fail(`the query index stopped: ${error.message}`))
    this.worker.on('exit', (code) => this.fail(`the query index stopped (exit ${code})`))
    this.worker.unref()
    this.scheduleFeed()
  }

  /** Sends what was committed since the last call (call after each commit); a backlog goes on in later turns. */
  feed(): void {
    if (this.broken) return
    while (this.pendingBytes < MAX_PENDING_BYTES) {
      const rows = this.selectChunks.all(this.sentChunkId) as { id: number; trace_id: string; span_index: string; spans: Buffer }[]
      if (rows.length === 0) {
        this.notifyDrained()
        return
      }
      this.send(rows)
      if (rows.length === CHUNKS_PER_SLICE) {
        this.scheduleFeed()
        return
      }
    }
  }

  /** Retention deleted these traces: their spans leave the index too. */
  tracesDeleted(traceIds: readonly string[]): void {
    if (this.broken || traceIds.length === 0) return
    this.post({ type: 'delete', traceIds: [...traceIds] })
    // the newest chunks may have gone: SQLite then hands their ids out again, and those rows must still be sent
    this.sentChunkId = Math.min(this.sentChunkId, Number(this.selectMaxChunkId.get()))
  }

  /** Answers a query over every span committed before it was asked: a QueryResult (run-query.ts) as JSON text. */
  query(spec: QuerySpec): Promise<string> {
    return this.ask({ kind: 'query', spec })
  }

  /** Answers a Compare over every span committed before it was asked: a CompareResult (compare-query.ts) as JSON text. */
  compare(spec: CompareSpec): Promise<string> {
    return this.ask({ kind: 'compare', spec })
  }

  private async ask(question: Question): Promise<string> {
    await this.caughtUp()
    if (this.broken) throw new QueryIndexError('unavailable', this.broken)
    const queryId = this.nextQueryId++
    return new Promise<string>((resolve, reject) => {
      this.queries.set(queryId, { resolve, reject })
      this.post({ type: 'query', queryId, question })
    })
  }

  /** Lets the worker finish what it was sent and close DuckDB; terminates it only if that takes longer than CLOSE_WAIT_MS. */
  async close(): Promise<void> {
    if (this.feeding) clearImmediate(this.feeding)
    const wasBroken = this.broken !== undefined
    this.broken ??= 'the store is closing'
    if (wasBroken) {
      await this.worker.terminate()
      return
    }
    const exited = once(this.worker, 'exit')
    this.post({ type: 'close' })
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_WAIT_MS)))
    if ((await Promise.race([exited, late])) === 'late') await this.worker.terminate()
    clearTimeout(timer)
  }

  private async caughtUp(): Promise<void> {
    for (;;) {
      this.feed()
      if (this.broken || this.sentChunkId >= Number(this.selectMaxChunkId.get())) return
      await new Promise<void>((resolve) => this.drained.push(resolve))
    }
  }

  private send(rows: { id: number; trace_id: string; span_index: string; spans: Buffer }[]): void {
    const chunks: ChunkRow[] = []
    const resources: ContentRow[] = []
    const scopes: ContentRow[] = []
    const transfer: ArrayBuffer[] = []
    let bytes = 0
    for (const row of rows) {
      for (const entry of parseSpanIndex(row.span_index)) {
        if (!this.sentResources.has(entry.resourceId)) {
          this.sentResources.add(entry.resourceId)
          resources.push({ id: entry.resourceId, json: (this.selectResource.get(entry.resourceId) as string | undefined) ?? '{}' })
        }
        if (!this.sentScopes.has(entry.scopeId)) {
          this.sentScopes.add(entry.scopeId)
          scopes.push({ id: entry.scopeId, json: (this.selectScope.get(entry.scopeId) as string | undefined) ?? '{}' })
        }
      }
      // a copy of exactly the blob's bytes, moved (not cloned) to the worker
      const spans = new Uint8Array(row.spans)
      transfer.push(spans.buffer)
      bytes += spans.byteLength
      chunks.push({ id: row.id, traceId: row.trace_id, spans })
    }
    this.sentChunkId = rows.at(-1)!.id
    this.pendingBytes += bytes
    this.post({ type: 'append', bytes, chunks, resources, scopes }, transfer)
  }

  private post(request: IndexRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(request, transfer)
  }

  private scheduleFeed(): void {
    this.feeding ??= setImmediate(() => {
      this.feeding = undefined
      this.feed()
    })
  }

  private notifyDrained(): void {
    const waiting = this.drained
    this.drained = []
    for (const resolve of waiting) resolve()
  }

  private onReply(reply: IndexReply): void {
    switch (reply.type) {
      case 'appended':
        this.pendingBytes -= reply.bytes
        this.feed()
        this.notifyDrained()
        return
      case 'answer':
        this.queries.get(reply.queryId)?.resolve(reply.json)
        this.queries.delete(reply.queryId)
        return
      case 'failed':
        this.queries.get(reply.queryId)?.reject(new QueryIndexError(reply.reason, reply.message))
        this.queries.delete(reply.queryId)
        return
      case 'broken':
        this.fail(`the query index failed: ${reply.message}`)
    }
  }

  private fail(message: string): void {
    if (this.broken) return
    this.broken = message
    this.log(message)
    for (const pending of this.queries.values()) pending.reject(new QueryIndexError('unavailable', message))
    this.queries.clear()
    this.notifyDrained()
  }
}

import { parentPort, workerData } from 'node:worker_threads'
import { decodeSpanChunkText } from '../../ingest/span-chunk-codec.js'
import type { StoredSpan } from '../../ingest/stored-span.js'
import type { OtlpKeyValue } from '../../otlp/otlp-types.js'
import { INTRINSIC_SQL, type ColumnResolver } from '../custom/column-sql.js'
import { compareColumns, runCompare } from '../custom/compare-query.js'
import { runQuery, type SqlRunner } from '../custom/run-query.js'
import type { IndexReply, IndexRequest, IndexWorkerOptions, QueryFailure, Question } from './index-messages.js'
import { spanRow, type ScopeFields, type SpanRow } from './span-rows.js'
import { SpanTable } from './span-table.js'

// The query index's thread: decodes the chunks the store committed into span rows, appends them to DuckDB and
// answers queries. Off the main thread, so neither the decoding nor a long query ever delays an ingest request.

const options = workerData as IndexWorkerOptions
const port = parentPort!
const table = await SpanTable.open(options)
const resources = new Map<number, readonly OtlpKeyValue[]>()
const scopes = new Map<number, ScopeFields>()

const reply = (message: IndexReply) => port.postMessage(message)

const resolveColumn: ColumnResolver = (column) => (column.kind === 'intrinsic' ? INTRINSIC_SQL[column.name] : table.attributeSql(column.key))

function rowsOf(request: IndexRequest & { type: 'append' }): SpanRow[] {
  for (const { id, json } of request.resources) resources.set(id, (JSON.parse(json) as { attributes?: OtlpKeyValue[] }).attributes ?? [])
  for (const { id, json } of request.scopes) {
    const scope = JSON.parse(json) as { name?: string; version?: string }
    scopes.set(id, { name: scope.name ?? '', version: scope.version ?? '' })
  }
  const rows: SpanRow[] = []
  for (const chunk of request.chunks) {
    for (const span of JSON.parse(decodeSpanChunkText(Buffer.from(chunk.spans.buffer, chunk.spans.byteOffset, chunk.spans.byteLength))) as StoredSpan[]) {
      rows.push(spanRow(chunk.id, chunk.traceId, span, resources.get(span.resourceId) ?? [], scopes.get(span.scopeId) ?? { name: '', version: '' }))
    }
  }
  return rows
}

function failureOf(error: unknown): QueryFailure {
  const message = error instanceof Error ? error.message : String(error)
  if (/interrupt/i.test(message)) return 'timeout'
  if (/out of memory/i.test(message)) return 'memory'
  return 'internal'
}

/** The answer as JSON text. */
async function ask(question: Question, run: SqlRunner): Promise<string> {
  if (question.kind === 'query') return runQuery(question.spec, resolveColumn, run)
  const compared = await runCompare(
    question.spec,
    compareColumns(table.attributeKeys(), resolveColumn, (name) => table.distinctValues(name)),
    resolveColumn,
    run,
    options.compareBaselineSampleSpans,
  )
  return JSON.stringify(compared)
}

async function answer(request: IndexRequest & { type: 'query' }): Promise<void> {
  // a query runs several statements: one that starts after the budget is spent is refused, a running one interrupted
  let expired = false
  const timer = setTimeout(() => {
    expired = true
    table.interruptQuery()
  }, options.queryTimeoutMs)
  try {
    const inBudget = () => {
      if (expired) throw new Error('Interrupted: the time budget is spent')
    }
    const result = await ask(request.question, (statement) => {
      inBudget()
      return table.query(statement)
    })
    if (expired) throw new Error('Interrupted: the time budget is spent')
    reply({ type: 'answer', queryId: request.queryId, json: result })
  } catch (error) {
    reply({ type: 'failed', queryId: request.queryId, reason: failureOf(error), message: error instanceof Error ? error.message : String(error) })
  } finally {
    clearTimeout(timer)
  }
}

async function handle(request: IndexRequest): Promise<void> {
  switch (request.type) {
    case 'append': {
      if (closing) return
      const rows = rowsOf(request)
      await table.append(rows)
      reply({ type: 'appended', bytes: request.bytes, spanCount: rows.length })
      return
    }
    case 'delete':
      await table.deleteTraces(request.traceIds)
      return
    case 'query':
      await answer(request)
      return
    case 'close':
      // DuckDB's own threads must stop before this one does: ending the thread under a running statement aborts
      // the whole process
      table.close()
      port.close()
  }
}

// one message at a time, in the order sent
let queue = Promise.resolve()
/** set when a close arrives: the appends still queued are skipped (the index is rebuilt at the next start anyway) */
let closing = false
port.on('message', (request: IndexRequest) => {
  if (request.type === 'close') closing = true
  queue = queue.catch(() => undefined).then(() => handle(request))
  queue.catch((error: unknown) => reply({ type: 'broken', message: error instanceof Error ? error.message : String(error) }))
})

import { digestLine, serviceDigestNeedle, serviceSpanNameDigestLine, spanNameDigestLine } from '../store/attribute-digest.js'
import type { SqliteDatabase } from '../store/open-database.js'
import { durationMsOfNanoText } from '../store/nano-time.js'
import { compareSpanStart, decodeSpanChunkOutlines, decodeSpanChunkText, parseSpanIndex, type SpanIndexEntry } from '../store/span-chunk-codec.js'
import { readSummaryRow, type TraceSummaryRow } from '../store/trace-summary-row.js'
import { encodeCursor, type TraceSearch } from './trace-search.js'
import { mergeSortedRuns } from './merge-sorted-runs.js'
import { toSummaryView, type TraceSummaryView, type TraceView } from './trace-views.js'

const NS_PER_MS = 1_000_000n

export interface SearchPage {
  traces: TraceSummaryView[]
  /** pass back as `cursor` for the next page; null on the last page */
  nextCursor: string | null
}

export interface OperationView {
  name: string
  spanKind: number
}

// A trace matches when one of its chunks lists the needle in its digest.
function digestCondition(index: number): string {
  return `EXISTS (SELECT 1 FROM span_chunks c WHERE c.trace_id = t.trace_id AND instr(c.attribute_digest, @needle${index}) > 0)`
}

/** Read side of the store: searches summaries, loads traces, lists services and operations. */
export class TraceQueries {
  private readonly selectChunks
  private readonly selectOutlines
  private readonly selectSummary
  private readonly selectResources
  private readonly selectScopes
  private readonly selectServices
  private readonly selectOperations
  private readonly searchStatements = new Map<string, ReturnType<SqliteDatabase['prepare']>>()

  constructor(private readonly db: SqliteDatabase) {
    this.selectChunks = db.prepare('SELECT spans, span_index FROM span_chunks WHERE trace_id = ?')
    this.selectOutlines = db.prepare('SELECT outline, span_index FROM span_chunks WHERE trace_id = ?')
    this.selectSummary = db.prepare('SELECT * FROM traces WHERE trace_id = ?').safeIntegers(true)
    this.selectResources = db.prepare('SELECT id, json FROM resources WHERE id IN (SELECT value FROM json_each(?))')
    this.selectScopes = db.prepare('SELECT id, json FROM scopes WHERE id IN (SELECT value FROM json_each(?))')
    this.selectServices = db.prepare('SELECT DISTINCT service_name FROM operations ORDER BY service_name').pluck()
    this.selectOperations = db.prepare('SELECT span_name, kind FROM operations WHERE service_name = ? ORDER BY span_name, kind')
  }

  services(): string[] {
    return this.selectServices.all() as string[]
  }

  operations(service: string): OperationView[] {
    const rows = this.selectOperations.all(service) as { span_name: string; kind: number }[]
    return rows.map((row) => ({ name: row.span_name, spanKind: row.kind }))
  }

  search(search: TraceSearch): SearchPage {
    const conditions: string[] = []
    const params: Record<string, unknown> = { limit: search.limit + 1 }
    if (search.cursor) {
      conditions.push('(t.start_ns, t.trace_id) < (@cursorStart, @cursorTraceId)')
      params.cursorStart = search.cursor.startTimeUnixNano
      params.cursorTraceId = search.cursor.traceId
    }
    if (search.startFromMs !== undefined) {
      conditions.push('t.start_ns >= @startFrom')
      params.startFrom = BigInt(search.startFromMs) * NS_PER_MS
    }
    if (search.startToMs !== undefined) {
      conditions.push('t.start_ns <= @startTo')
      params.startTo = BigInt(search.startToMs) * NS_PER_MS + (NS_PER_MS - 1n)
    }
    if (search.minDurationMs !== undefined) {
      conditions.push('t.end_ns - t.start_ns >= @minDuration')
      params.minDuration = BigInt(Math.round(search.minDurationMs * 1e6))
    }
    if (search.maxDurationMs !== undefined) {
      conditions.push('t.end_ns - t.start_ns <= @maxDuration')
      params.maxDuration = BigInt(Math.round(search.maxDurationMs * 1e6))
    }
    if (search.errorsOnly) conditions.push('t.error_count > 0')
    const needles: string[] = []
    if (search.service !== undefined && search.spanName !== undefined) needles.push(serviceSpanNameDigestLine(search.service, search.spanName))
    else if (search.service !== undefined) needles.push(serviceDigestNeedle(search.service))
    else if (search.spanName !== undefined) needles.push(spanNameDigestLine(search.spanName))
    for (const attribute of search.attributes ?? []) needles.push(digestLine(attribute.key, attribute.value))
    needles.forEach((needle, index) => {
      conditions.push(digestCondition(index))
      params[`needle${index}`] = needle
    })
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
    const sql = `SELECT t.* FROM traces t ${where} ORDER BY t.start_ns DESC, t.trace_id DESC LIMIT @limit`
    const rows = this.prepareSearch(sql).all(params) as TraceSummaryRow[]
    const page = rows.slice(0, search.limit).map((row) => readSummaryRow(row))
    const last = page.at(-1)
    const nextCursor =
      rows.length > search.limit && last ? encodeCursor({ startTimeUnixNano: last.startTimeUnixNano, traceId: last.traceId }) : null
    return { traces: page.map(toSummaryView), nextCursor }
  }

  private prepareSearch(sql: string) {
    let statement = this.searchStatements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql).safeIntegers(true)
      this.searchStatements.set(sql, statement)
    }
    return statement
  }

  /** One trace as the query API's JSON text; the spans' stored JSON is spliced in, not parsed and re-serialised. */
  traceJson(traceId: string): string | null {
    const traceIdJson = JSON.stringify(traceId)
    const loaded = this.loadSpans<{ spans: Buffer; span_index: string }>(traceId, this.selectChunks, (chunk) => {
      const text = decodeSpanChunkText(chunk.spans)
      return (entry) => `{"traceId":${traceIdJson},"durationMs":${durationMsOfNanoText(entry.startTimeUnixNano, entry.endTimeUnixNano)},${text.slice(entry.from + 1, entry.to)}`
    })
    if (!loaded) return null
    const resources = this.jsonById(this.selectResources, loaded.spans.map(({ entry }) => entry.resourceId))
    const scopes = this.jsonById(this.selectScopes, loaded.spans.map(({ entry }) => entry.scopeId))
    return `{"traceId":${traceIdJson},"summary":${loaded.summaryJson},"resources":${resources},"scopes":${scopes},"spans":[${loaded.spans.map(({ json }) => json).join(',')}]}`
  }

  /** The trace's outline: its spans without attributes, events and links — enough to draw a waterfall, a fraction of the size. */
  traceOutlineJson(traceId: string): string | null {
    // read from each chunk's outline column: the spans themselves are not decompressed
    const loaded = this.loadSpans<{ outline: Buffer; span_index: string }>(traceId, this.selectOutlines, (chunk) => {
      // each line already leads with the span's durationMs
      const outlines = decodeSpanChunkOutlines(chunk.outline)
      return (_entry, position) => outlines[position]!
    })
    if (!loaded) return null
    return `{"traceId":${JSON.stringify(traceId)},"summary":${loaded.summaryJson},"spans":[${loaded.spans.map(({ json }) => json).join(',')}]}`
  }

  /**
   * The trace's spans, ordered by start time, each rendered by what `reader`
   * makes of its chunk row; null when the trace is unknown.
   */
  private loadSpans<Row extends { span_index: string }>(
    traceId: string,
    statement: { all(traceId: string): unknown[] },
    reader: (chunk: Row) => (entry: SpanIndexEntry, position: number) => string,
  ) {
    const summaryRow = this.selectSummary.get(traceId) as TraceSummaryRow | undefined
    if (!summaryRow) return null
    // a chunk's spans are stored by start time (span-chunk-codec.ts): merging the chunks orders the trace
    const runs = (statement.all(traceId) as Row[]).map((chunk) => {
      const render = reader(chunk)
      return parseSpanIndex(chunk.span_index).map((entry, position) => ({ entry, json: render(entry, position) }))
    })
    const spans = mergeSortedRuns(runs, (a, b) => compareSpanStart(a.entry, b.entry))
    return { summaryJson: JSON.stringify(toSummaryView(readSummaryRow(summaryRow))), spans }
  }

  trace(traceId: string): TraceView | null {
    const json = this.traceJson(traceId)
    return json === null ? null : (JSON.parse(json) as TraceView)
  }

  /** `{"<id>": <stored json>, …}` for the given row ids of `resources` or `scopes`. */
  private jsonById(statement: { all(ids: string): unknown[] }, ids: number[]): string {
    const rows = statement.all(JSON.stringify([...new Set(ids)])) as { id: number; json: string }[]
    return `{${rows.map((row) => `"${row.id}":${row.json}`).join(',')}}`
  }
}

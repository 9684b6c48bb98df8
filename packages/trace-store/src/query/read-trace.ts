import { nanoDiffMs } from '../ingest/nano-time.js'
import { compareSpanStart, decodeSpanChunkOutlines, decodeSpanChunkText, parseSpanIndex, type SpanIndexEntry } from '../ingest/span-chunk-codec.js'
import type { SqliteDatabase } from '../store/open-database.js'
import { readSummaryRow, type TraceSummaryRow } from '../store/trace-summary-row.js'
import { mergeSortedRuns } from './merge-sorted-runs.js'
import { toResourceView, toScopeView, toSummaryView } from './trace-views.js'

/** Trace reading: one trace, its outline, or one span, as the query API's JSON text, from the trace's chunks. */
export class TraceReader {
  private readonly selectChunks
  private readonly selectOutlines
  private readonly selectSummary
  private readonly selectResources
  private readonly selectScopes
  private readonly selectChunkIndexes
  private readonly selectChunkSpans

  constructor(db: SqliteDatabase) {
    this.selectChunks = db.prepare('SELECT spans, span_index FROM span_chunks WHERE trace_id = ?')
    this.selectOutlines = db.prepare('SELECT outline, span_index FROM span_chunks WHERE trace_id = ?')
    this.selectSummary = db.prepare('SELECT * FROM traces WHERE trace_id = ?').safeIntegers(true)
    this.selectResources = db.prepare('SELECT id, json FROM resources WHERE id IN (SELECT value FROM json_each(?))')
    this.selectScopes = db.prepare('SELECT id, json FROM scopes WHERE id IN (SELECT value FROM json_each(?))')
    this.selectChunkIndexes = db.prepare('SELECT id, span_index FROM span_chunks WHERE trace_id = ?')
    this.selectChunkSpans = db.prepare('SELECT spans FROM span_chunks WHERE id = ?').pluck()
  }

  /** One trace as the query API's JSON text; the spans' stored JSON is spliced in, not parsed and re-serialised. */
  traceJson(traceId: string): string | null {
    const traceIdJson = JSON.stringify(traceId)
    const loaded = this.loadSpans<{ spans: Buffer; span_index: string }>(traceId, this.selectChunks, (chunk) => {
      const text = decodeSpanChunkText(chunk.spans)
      return (entry) =>
        `{"traceId":${traceIdJson},"durationMs":${nanoDiffMs(entry.startTimeUnixNano, entry.endTimeUnixNano)},${text.slice(entry.from + 1, entry.to)}`
    })
    if (!loaded) return null
    const resources = this.jsonById(
      this.selectResources,
      loaded.spans.map(({ entry }) => entry.resourceId),
      toResourceView,
    )
    const scopes = this.jsonById(
      this.selectScopes,
      loaded.spans.map(({ entry }) => entry.scopeId),
      toScopeView,
    )
    return `{"traceId":${traceIdJson},"summary":${loaded.summaryJson},"resources":${resources},"scopes":${scopes},"spans":[${loaded.spans.map(({ json }) => json).join(',')}]}`
  }

  /**
   * One span as the trace view has it, with its resource and scope (`{"traceId","resource","scope","span"}`); only the
   * chunk that holds it is decompressed. Null when the trace does not have the span.
   */
  spanJson(traceId: string, spanId: string): string | null {
    for (const chunk of this.selectChunkIndexes.all(traceId) as { id: number; span_index: string }[]) {
      if (!chunk.span_index.startsWith(`${spanId}:`) && !chunk.span_index.includes(`,${spanId}:`)) continue
      const entry = parseSpanIndex(chunk.span_index).find((candidate) => candidate.spanId === spanId)!
      const text = decodeSpanChunkText(this.selectChunkSpans.get(chunk.id) as Buffer)
      const durationMs = nanoDiffMs(entry.startTimeUnixNano, entry.endTimeUnixNano)
      const traceIdJson = JSON.stringify(traceId)
      const spanJson = `{"traceId":${traceIdJson},"durationMs":${durationMs},${text.slice(entry.from + 1, entry.to)}`
      const resource = this.jsonById(this.selectResources, [entry.resourceId], toResourceView)
      const scope = this.jsonById(this.selectScopes, [entry.scopeId], toScopeView)
      return `{"traceId":${traceIdJson},"resources":${resource},"scopes":${scope},"span":${spanJson}}`
    }
    return null
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

  /** `{"<id>": <view>, …}` for the given row ids of `resources` or `scopes`; `toView` fills in what older rows lack. */
  private jsonById(statement: { all(ids: string): unknown[] }, ids: number[], toView: (json: string) => unknown): string {
    const rows = statement.all(JSON.stringify([...new Set(ids)])) as { id: number; json: string }[]
    return `{${rows.map((row) => `"${row.id}":${JSON.stringify(toView(row.json))}`).join(',')}}`
  }
}

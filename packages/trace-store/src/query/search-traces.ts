import { digestLine, serviceDigestNeedle, serviceSpanNameDigestLine, spanNameDigestLine } from '../ingest/attribute-digest.js'
import { chunkIdsOfSegment, filterBitsOf, PART_BYTES, segmentOfChunk } from '../store/digest-filter.js'
import type { SqliteDatabase } from '../store/open-database.js'
import { readSummaryRow, type TraceSummaryRow } from '../store/trace-summary-row.js'
import { encodeCursor, MAX_STORED_NS, type TraceSearch } from './trace-search.js'
import { toSummaryView, type TraceSummaryView } from './trace-views.js'

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

// Above this many segments whose filter may hold the needle, the newest-first scan of traces is used: a value that
// many chunks hold is found among the newest traces quickly, and reading 256 chunks' digests costs ~2 ms a segment.
const MAX_CANDIDATE_SEGMENTS = 16

// A trace matches when one of its chunks lists the needle in its digest.
function digestCondition(index: number): string {
  return `EXISTS (SELECT 1 FROM span_chunks c WHERE c.trace_id = t.trace_id AND instr(c.attribute_digest, @needle${index}) > 0)`
}

/**
 * Search planning: lists services and operations, and pages through trace
 * summaries newest first, narrowing attribute and span-name searches by the
 * segments' digest filters when they rule out enough of them.
 */
/** A service's errors that are not HTTP 4xx answers; summaries stored before clientErrorCount count every error. */
const SEVERE_ERRORS_OF_SERVICE = "(s.value ->> '$.errorCount') - ifnull(s.value ->> '$.clientErrorCount', 0)"

export class TraceSearcher {
  private readonly selectServices
  private readonly selectOperations
  private readonly searchStatements = new Map<string, ReturnType<SqliteDatabase['prepare']>>()
  private readonly selectChunkIdRange
  private readonly selectFilterBytes
  private readonly selectMatchingTraceIds

  constructor(private readonly db: SqliteDatabase) {
    this.selectServices = db.prepare('SELECT DISTINCT service_name FROM operations ORDER BY service_name').pluck()
    this.selectOperations = db.prepare('SELECT span_name, kind FROM operations WHERE service_name = ? ORDER BY span_name, kind')
    // two subqueries: SQLite answers a lone MIN or MAX from the index's ends, but scans the table for both in one
    this.selectChunkIdRange = db.prepare('SELECT (SELECT MIN(id) FROM span_chunks) AS minId, (SELECT MAX(id) FROM span_chunks) AS maxId')
    this.selectFilterBytes = db
      .prepare('SELECT segment, substr(bits, @offset, 1) FROM digest_filters WHERE part = @part AND segment BETWEEN @firstSegment AND @lastSegment')
      .raw()
    this.selectMatchingTraceIds = db.prepare('SELECT DISTINCT trace_id FROM span_chunks WHERE id BETWEEN ? AND ? AND instr(attribute_digest, ?) > 0').pluck()
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
      // the last ns of the last ms, unless that ms is the last the store can hold
      const startToNs = BigInt(search.startToMs) * NS_PER_MS + (NS_PER_MS - 1n)
      params.startTo = startToNs < MAX_STORED_NS ? startToNs : MAX_STORED_NS
    }
    if (search.minDurationMs !== undefined) {
      conditions.push('t.end_ns - t.start_ns >= @minDuration')
      params.minDuration = BigInt(Math.round(search.minDurationMs * 1e6))
    }
    if (search.maxDurationMs !== undefined) {
      conditions.push('t.end_ns - t.start_ns <= @maxDuration')
      params.maxDuration = BigInt(Math.round(search.maxDurationMs * 1e6))
    }
    if (search.errorsOnly) {
      // with a service, "errors only" means that service had an error, not any service of a trace that touches it
      const ofService = search.service === undefined ? '' : "s.value ->> '$.name' = @errorService AND "
      if (search.service !== undefined) params.errorService = search.service
      const errorsOfService = search.errorsOnly === 'severe' ? SEVERE_ERRORS_OF_SERVICE : "s.value ->> '$.errorCount'"
      conditions.push('t.error_count > 0')
      if (search.service !== undefined || search.errorsOnly === 'severe') {
        conditions.push(`EXISTS (SELECT 1 FROM json_each(t.services) AS s WHERE ${ofService}${errorsOfService} > 0)`)
      }
    }
    const needles: string[] = []
    // whole digest lines (not the service prefix) can be looked up in the digest filters
    const lines: string[] = []
    if (search.service !== undefined && search.spanName !== undefined) lines.push(serviceSpanNameDigestLine(search.service, search.spanName))
    else if (search.service !== undefined) needles.push(serviceDigestNeedle(search.service))
    else if (search.spanName !== undefined) lines.push(spanNameDigestLine(search.spanName))
    for (const attribute of search.attributes ?? []) lines.push(digestLine(attribute.key, attribute.value))
    needles.push(...lines)
    needles.forEach((needle, index) => {
      conditions.push(digestCondition(index))
      params[`needle${index}`] = needle
    })
    let from = 'traces t'
    const candidates = this.candidateTraceIds(lines)
    if (candidates) {
      if (candidates.length === 0) return { traces: [], nextCursor: null }
      // CROSS JOIN keeps the candidates the outer loop: each is looked up by id, instead of every trace being tested
      from = 'json_each(@candidates) AS c CROSS JOIN traces AS t ON t.trace_id = c.value'
      params.candidates = JSON.stringify(candidates)
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
    const sql = `SELECT t.* FROM ${from} ${where} ORDER BY t.start_ns DESC, t.trace_id DESC LIMIT @limit`
    const rows = this.prepareSearch(sql).all(params) as TraceSummaryRow[]
    const page = rows.slice(0, search.limit).map((row) => readSummaryRow(row))
    const last = page.at(-1)
    const nextCursor = rows.length > search.limit && last ? encodeCursor({ startTimeUnixNano: last.startTimeUnixNano, traceId: last.traceId }) : null
    return { traces: page.map(toSummaryView), nextCursor }
  }

  /**
   * The ids of the traces whose chunks hold one of the digest `lines` (the line whose filters narrow the search most),
   * read from the segments whose digest filter may hold it; null when no line narrows it enough to beat the scan.
   */
  private candidateTraceIds(lines: string[]): string[] | null {
    if (lines.length === 0) return null
    const range = this.selectChunkIdRange.get() as { minId: number | null; maxId: number | null }
    if (range.minId === null || range.maxId === null) return []
    const firstSegment = segmentOfChunk(range.minId)
    const lastSegment = segmentOfChunk(range.maxId)
    let best: { line: string; segments: number[] } | null = null
    for (const line of lines) {
      const segments = this.segmentsThatMayHold(line.slice(1, -1), firstSegment, lastSegment)
      if (!best || segments.length < best.segments.length) best = { line, segments }
    }
    // a filter that rules out fewer than half of the segments does not pay for reading its segments' digests whole
    const segmentCount = lastSegment - firstSegment + 1
    if (best!.segments.length > MAX_CANDIDATE_SEGMENTS || best!.segments.length * 2 > segmentCount) return null
    const traceIds = new Set<string>()
    for (const segment of best!.segments) {
      const { firstId, lastId } = chunkIdsOfSegment(segment)
      for (const traceId of this.selectMatchingTraceIds.all(firstId, lastId, best!.line) as string[]) traceIds.add(traceId)
    }
    return [...traceIds]
  }

  /** Segments from first to last whose filter may hold the digest line (a segment without a filter may hold anything). */
  private segmentsThatMayHold(line: string, firstSegment: number, lastSegment: number): number[] {
    // only the part of each filter that holds one of the line's bits leaves SQLite, and one byte of it
    const ruledOut = new Set<number>()
    for (const { byteIndex, mask } of filterBitsOf(line)) {
      const part = Math.floor(byteIndex / PART_BYTES)
      const offset = (byteIndex % PART_BYTES) + 1
      for (const [segment, byte] of this.selectFilterBytes.all({ part, offset, firstSegment, lastSegment }) as [number, Buffer][]) {
        if ((byte[0]! & mask) === 0) ruledOut.add(segment)
      }
    }
    const segments: number[] = []
    for (let segment = firstSegment; segment <= lastSegment; segment += 1) if (!ruledOut.has(segment)) segments.push(segment)
    return segments
  }

  private prepareSearch(sql: string) {
    let statement = this.searchStatements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql).safeIntegers(true)
      this.searchStatements.set(sql, statement)
    }
    return statement
  }
}

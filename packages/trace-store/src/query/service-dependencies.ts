import { decodeSpanChunkOutlines } from '../ingest/span-chunk-codec.js'
import { STATUS_CODE_ERROR } from '../otlp/otlp-types.js'
import type { SqliteDatabase } from '../store/open-database.js'
import { MAX_STORED_NS } from './trace-search.js'

/** How many traces one dependency query reads at most, newest first: it decodes every span's outline. */
export const MAX_DEPENDENCY_TRACES = 2000
const NS_PER_MS = 1_000_000n

/** Calls from one service to another: spans of `child` whose parent span is in `parent` (Jaeger's dependency links). */
export interface ServiceDependency {
  parent: string
  child: string
  callCount: number
  /** of callCount, the child spans with status ERROR */
  errorCount: number
}

export interface DependenciesView {
  dependencies: ServiceDependency[]
  /** traces read; when `truncated`, the newest MAX_DEPENDENCY_TRACES of the range */
  traceCount: number
  truncated: boolean
}

interface OutlineSpan {
  spanId: string
  parentSpanId: string | null
  serviceName: string
  status: { code: number }
}

/**
 * The service dependency graph of the traces that started in a time range, computed from the stored spans when
 * asked: a call across services is only known once both spans have arrived, often from two processes in two
 * batches, so it cannot be counted at ingest.
 */
export class ServiceDependencies {
  private readonly selectTraceIds
  private readonly selectOutlines

  constructor(db: SqliteDatabase) {
    this.selectTraceIds = db.prepare('SELECT trace_id FROM traces WHERE start_ns BETWEEN ? AND ? ORDER BY start_ns DESC, trace_id DESC LIMIT ?').pluck()
    this.selectOutlines = db.prepare('SELECT outline FROM span_chunks WHERE trace_id = ?').pluck()
  }

  between(startFromMs: number, startToMs: number, maxTraces = MAX_DEPENDENCY_TRACES): DependenciesView {
    const fromNs = BigInt(startFromMs) * NS_PER_MS
    const toNs = BigInt(startToMs) * NS_PER_MS + (NS_PER_MS - 1n)
    const traceIds = this.selectTraceIds.all(fromNs, toNs < MAX_STORED_NS ? toNs : MAX_STORED_NS, maxTraces + 1) as string[]
    const truncated = traceIds.length > maxTraces
    const edges = new Map<string, ServiceDependency>()
    for (const traceId of traceIds.slice(0, maxTraces)) this.addTrace(traceId, edges)
    const dependencies = [...edges.values()].sort((a, b) => b.callCount - a.callCount || a.parent.localeCompare(b.parent) || a.child.localeCompare(b.child))
    return { dependencies, traceCount: Math.min(traceIds.length, maxTraces), truncated }
  }

  private addTrace(traceId: string, edges: Map<string, ServiceDependency>): void {
    const spans: OutlineSpan[] = []
    for (const outline of this.selectOutlines.all(traceId) as Buffer[]) {
      for (const line of decodeSpanChunkOutlines(outline)) spans.push(JSON.parse(line) as OutlineSpan)
    }
    const serviceBySpanId = new Map(spans.map((span) => [span.spanId, span.serviceName]))
    for (const span of spans) {
      const parentService = span.parentSpanId === null ? undefined : serviceBySpanId.get(span.parentSpanId)
      if (parentService === undefined || parentService === span.serviceName) continue
      const key = JSON.stringify([parentService, span.serviceName])
      let edge = edges.get(key)
      if (!edge) edges.set(key, (edge = { parent: parentService, child: span.serviceName, callCount: 0, errorCount: 0 }))
      edge.callCount += 1
      if (span.status.code === STATUS_CODE_ERROR) edge.errorCount += 1
    }
  }
}

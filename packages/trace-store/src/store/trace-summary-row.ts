import type { ServiceCount, TraceSummary } from '../ingest/trace-summary.js'

/** A `traces` row as read with safeIntegers (every INTEGER is a BigInt). */
export interface TraceSummaryRow {
  trace_id: string
  start_ns: bigint
  end_ns: bigint
  root_span_id: string
  root_start_ns: bigint
  root_service_name: string
  root_span_name: string
  has_root: bigint | number
  span_count: bigint | number
  error_count: bigint | number
  services: string
}

export function readSummaryRow(row: TraceSummaryRow): TraceSummary {
  return {
    traceId: row.trace_id,
    startTimeUnixNano: BigInt(row.start_ns),
    endTimeUnixNano: BigInt(row.end_ns),
    rootSpanId: row.root_span_id,
    rootStartTimeUnixNano: BigInt(row.root_start_ns),
    rootServiceName: row.root_service_name,
    rootSpanName: row.root_span_name,
    hasRoot: Number(row.has_root) === 1,
    spanCount: Number(row.span_count),
    errorCount: Number(row.error_count),
    services: JSON.parse(row.services) as ServiceCount[],
  }
}

export function summaryToRow(summary: TraceSummary) {
  return {
    trace_id: summary.traceId,
    start_ns: summary.startTimeUnixNano,
    end_ns: summary.endTimeUnixNano,
    root_span_id: summary.rootSpanId,
    root_start_ns: summary.rootStartTimeUnixNano,
    root_service_name: summary.rootServiceName,
    root_span_name: summary.rootSpanName,
    has_root: summary.hasRoot ? 1 : 0,
    span_count: summary.spanCount,
    error_count: summary.errorCount,
    services: JSON.stringify(summary.services),
  }
}

import { STATUS_CODE_ERROR } from '../otlp/otlp-types.js'
import type { SpanRecord } from './span-record.js'

/** What a summary needs to know of a span. */
export type SummarySpan = Pick<
  SpanRecord,
  'traceId' | 'spanId' | 'parentSpanId' | 'name' | 'serviceName' | 'statusCode' | 'startTimeUnixNano' | 'endTimeUnixNano'
>

export interface ServiceCount {
  name: string
  spanCount: number
  errorCount: number
}

/** The per-trace row kept up to date on ingest, so listing traces never scans spans. */
export interface TraceSummary {
  traceId: string
  startTimeUnixNano: bigint
  endTimeUnixNano: bigint
  rootSpanId: string
  rootStartTimeUnixNano: bigint
  rootServiceName: string
  rootSpanName: string
  /** false while the trace's parentless span has not arrived: the root fields then describe its earliest span */
  hasRoot: boolean
  spanCount: number
  errorCount: number
  services: ServiceCount[]
}

export function summaryOfSpan(span: SummarySpan): TraceSummary {
  const isError = span.statusCode === STATUS_CODE_ERROR
  return {
    traceId: span.traceId,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    rootSpanId: span.spanId,
    rootStartTimeUnixNano: span.startTimeUnixNano,
    rootServiceName: span.serviceName,
    rootSpanName: span.name,
    hasRoot: span.parentSpanId === null,
    spanCount: 1,
    errorCount: isError ? 1 : 0,
    services: [{ name: span.serviceName, spanCount: 1, errorCount: isError ? 1 : 0 }],
  }
}

/** Adds one more span of the same trace to a summary, in place (the cheap path for spans of one batch). */
export function addSpanToSummary(summary: TraceSummary, span: SummarySpan): void {
  const errorCount = span.statusCode === STATUS_CODE_ERROR ? 1 : 0
  if (span.startTimeUnixNano < summary.startTimeUnixNano) summary.startTimeUnixNano = span.startTimeUnixNano
  if (span.endTimeUnixNano > summary.endTimeUnixNano) summary.endTimeUnixNano = span.endTimeUnixNano
  const isRoot = span.parentSpanId === null
  const replacesRoot = isRoot !== summary.hasRoot ? isRoot : span.startTimeUnixNano < summary.rootStartTimeUnixNano
  if (replacesRoot) {
    summary.rootSpanId = span.spanId
    summary.rootStartTimeUnixNano = span.startTimeUnixNano
    summary.rootServiceName = span.serviceName
    summary.rootSpanName = span.name
    summary.hasRoot = isRoot
  }
  summary.spanCount += 1
  summary.errorCount += errorCount
  const service = summary.services.find((candidate) => candidate.name === span.serviceName)
  if (service) {
    service.spanCount += 1
    service.errorCount += errorCount
  } else {
    summary.services.push({ name: span.serviceName, spanCount: 1, errorCount })
  }
}

/**
 * Merges two summaries of the same trace, whichever arrived first. The root
 * is the earliest parentless span; until one is known, the earliest span.
 */
export function mergeSummaries(a: TraceSummary, b: TraceSummary): TraceSummary {
  const rootSource = pickRoot(a, b)
  const services = new Map<string, ServiceCount>()
  for (const service of [...a.services, ...b.services]) {
    const known = services.get(service.name)
    if (known) {
      known.spanCount += service.spanCount
      known.errorCount += service.errorCount
    } else {
      services.set(service.name, { ...service })
    }
  }
  return {
    traceId: a.traceId,
    startTimeUnixNano: a.startTimeUnixNano < b.startTimeUnixNano ? a.startTimeUnixNano : b.startTimeUnixNano,
    endTimeUnixNano: a.endTimeUnixNano > b.endTimeUnixNano ? a.endTimeUnixNano : b.endTimeUnixNano,
    rootSpanId: rootSource.rootSpanId,
    rootStartTimeUnixNano: rootSource.rootStartTimeUnixNano,
    rootServiceName: rootSource.rootServiceName,
    rootSpanName: rootSource.rootSpanName,
    hasRoot: rootSource.hasRoot,
    spanCount: a.spanCount + b.spanCount,
    errorCount: a.errorCount + b.errorCount,
    services: [...services.values()],
  }
}

function pickRoot(a: TraceSummary, b: TraceSummary): TraceSummary {
  if (a.hasRoot !== b.hasRoot) return a.hasRoot ? a : b
  return b.rootStartTimeUnixNano < a.rootStartTimeUnixNano ? b : a
}

import { STATUS_CODE_ERROR } from '../otlp/otlp-types.js'
import type { SpanRecord } from './span-record.js'

/** What a summary needs to know of a span. */
export type SummarySpan = Pick<
  SpanRecord,
  'traceId' | 'spanId' | 'parentSpanId' | 'name' | 'serviceName' | 'statusCode' | 'startTimeUnixNano' | 'endTimeUnixNano' | 'searchPairs'
>

export interface ServiceCount {
  name: string
  spanCount: number
  errorCount: number
  /**
   * Of errorCount, the spans that are HTTP 4xx answers: a request refused as designed (validation, not found), which
   * ranks below server errors, exceptions and network failures. Absent in summaries stored before it was counted.
   */
  clientErrorCount?: number
}

const HTTP_STATUS_KEYS = new Set(['http.response.status_code', 'http.status_code'])

/** An error span whose HTTP status code is 4xx (see ServiceCount.clientErrorCount). */
function isClientError(span: SummarySpan): boolean {
  const pairs = span.searchPairs
  for (let index = 0; index < pairs.length; index += 2) {
    if (!HTTP_STATUS_KEYS.has(pairs[index]!)) continue
    const code = Number(pairs[index + 1])
    return code >= 400 && code <= 499
  }
  return false
}

/** How a span counts toward errorCount and clientErrorCount. */
function errorCountsOf(span: SummarySpan): { errorCount: number; clientErrorCount: number } {
  if (span.statusCode !== STATUS_CODE_ERROR) return { errorCount: 0, clientErrorCount: 0 }
  return { errorCount: 1, clientErrorCount: isClientError(span) ? 1 : 0 }
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
  const { errorCount, clientErrorCount } = errorCountsOf(span)
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
    errorCount,
    services: [{ name: span.serviceName, spanCount: 1, errorCount, clientErrorCount }],
  }
}

/** Adds one more span of the same trace to a summary, in place (the cheap path for spans of one batch). */
export function addSpanToSummary(summary: TraceSummary, span: SummarySpan): void {
  const { errorCount, clientErrorCount } = errorCountsOf(span)
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
    service.clientErrorCount = (service.clientErrorCount ?? 0) + clientErrorCount
  } else {
    summary.services.push({ name: span.serviceName, spanCount: 1, errorCount, clientErrorCount })
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
      known.clientErrorCount = (known.clientErrorCount ?? 0) + (service.clientErrorCount ?? 0)
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

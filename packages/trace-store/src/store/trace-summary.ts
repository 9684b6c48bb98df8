import { STATUS_CODE_ERROR, type IngestSpan } from '../otlp/otlp-types.js'

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

export function summaryOfSpan(span: IngestSpan): TraceSummary {
  const { stored } = span
  const isError = stored.status.code === STATUS_CODE_ERROR
  return {
    traceId: span.traceId,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    rootSpanId: stored.spanId,
    rootStartTimeUnixNano: span.startTimeUnixNano,
    rootServiceName: stored.serviceName,
    rootSpanName: stored.name,
    hasRoot: stored.parentSpanId === null,
    spanCount: 1,
    errorCount: isError ? 1 : 0,
    services: [{ name: stored.serviceName, spanCount: 1, errorCount: isError ? 1 : 0 }],
  }
}

/** Adds one more span of the same trace to a summary, in place (the cheap path for spans of one batch). */
export function addSpanToSummary(summary: TraceSummary, span: IngestSpan): void {
  const { stored } = span
  const errorCount = stored.status.code === STATUS_CODE_ERROR ? 1 : 0
  if (span.startTimeUnixNano < summary.startTimeUnixNano) summary.startTimeUnixNano = span.startTimeUnixNano
  if (span.endTimeUnixNano > summary.endTimeUnixNano) summary.endTimeUnixNano = span.endTimeUnixNano
  const isRoot = stored.parentSpanId === null
  const replacesRoot = isRoot !== summary.hasRoot ? isRoot : span.startTimeUnixNano < summary.rootStartTimeUnixNano
  if (replacesRoot) {
    summary.rootSpanId = stored.spanId
    summary.rootStartTimeUnixNano = span.startTimeUnixNano
    summary.rootServiceName = stored.serviceName
    summary.rootSpanName = stored.name
    summary.hasRoot = isRoot
  }
  summary.spanCount += 1
  summary.errorCount += errorCount
  const service = summary.services.find((candidate) => candidate.name === stored.serviceName)
  if (service) {
    service.spanCount += 1
    service.errorCount += errorCount
  } else {
    summary.services.push({ name: stored.serviceName, spanCount: 1, errorCount })
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

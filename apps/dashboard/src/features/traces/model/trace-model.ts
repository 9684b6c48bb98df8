// The one trace model every source is normalised into (store, Jaeger, Tempo).
// Ids are lowercase hex, times are unix ns as decimal strings (never lossy numbers), enums are names.
// Not the store's view types (`@spanlight/trace-store`): those are one source's answers, this is what every source's
// answer becomes (Tempo's search, for one, does not count spans).

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue }

export interface Attribute {
  key: string
  value: AttributeValue
}

export const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const
export type SpanKind = (typeof SPAN_KINDS)[number]

export const STATUS_CODES = ['unset', 'ok', 'error'] as const
export type StatusCode = (typeof STATUS_CODES)[number]

export interface SpanEvent {
  timeUnixNano: string
  name: string
  attributes: Attribute[]
}

export interface SpanLink {
  traceId: string
  spanId: string
  attributes: Attribute[]
}

export interface SpanModel {
  spanId: string
  parentSpanId: string | null
  name: string
  kind: SpanKind
  startTimeUnixNano: string
  endTimeUnixNano: string
  durationMs: number
  status: { code: StatusCode; message: string }
  serviceName: string
  /** key into TraceModel.resources */
  resourceId: string
  scope: { name: string; version: string }
  attributes: Attribute[]
  events: SpanEvent[]
  links: SpanLink[]
}

export interface TraceModel {
  traceId: string
  startTimeUnixNano: string
  endTimeUnixNano: string
  durationMs: number
  /** resource attributes by resource id */
  resources: Record<string, Attribute[]>
  /** ordered by start time */
  spans: SpanModel[]
  /** notes from the source, e.g. a partial trace */
  warnings: string[]
}

export interface ServiceCount {
  name: string
  spanCount: number
  errorCount: number
  /** of errorCount, the HTTP 4xx answers (the store says; Jaeger and Tempo do not) */
  clientErrorCount?: number
}

export interface TraceSummary {
  traceId: string
  rootServiceName: string
  rootSpanName: string
  startTimeUnixNano: string
  durationMs: number
  /** null when the source does not say (Tempo search) */
  spanCount: number | null
  errorCount: number | null
  /** of errorCount, the HTTP 4xx answers; absent when the source does not say (Jaeger, Tempo) */
  clientErrorCount?: number
  services: ServiceCount[]
}

export interface TraceSearchPage {
  traces: TraceSummary[]
  nextCursor: string | null
  /** the source that answered, for advice that names it (absent: the embedded store) */
  source?: { kind: 'store' | 'jaeger' | 'tempo'; name: string }
  /** a search without a service in a source that searches one service at a time (Jaeger): the services searched, of how many */
  searchedServices?: { names: string[]; total: number }
}

export interface Operation {
  name: string
  spanKind: SpanKind
}

const NS_PER_MS = 1_000_000n

/** unix ns (decimal string) → unix ms (number, sub-ms precision lost) */
export function nanoToMs(unixNano: string): number {
  return Number(BigInt(unixNano) / NS_PER_MS)
}

export function attributeText(value: AttributeValue): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

export function findAttribute(attributes: Attribute[], key: string): AttributeValue | undefined {
  for (const attribute of attributes) if (attribute.key === key) return attribute.value
  return undefined
}

import type { OtlpKeyValue, ValidEvent, ValidLink } from '../otlp/otlp-types.js'

/** A span as stored: OTLP JSON field names, ns times as decimal strings, plus where it came from. */
export interface StoredSpan {
  spanId: string
  parentSpanId: string | null
  traceState: string
  flags: number
  name: string
  kind: number
  startTimeUnixNano: string
  endTimeUnixNano: string
  attributes: OtlpKeyValue[]
  droppedAttributesCount: number
  events: ValidEvent[]
  droppedEventsCount: number
  links: ValidLink[]
  droppedLinksCount: number
  status: { code: number; message: string }
  serviceName: string
  /** set by the writer: ids of the rows in `resources` and `scopes` */
  resourceId: number
  scopeId: number
}

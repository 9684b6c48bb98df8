import type { OtlpKeyValue } from '../otlp/otlp-types.js'
import type { SpanRecord } from './span-record.js'

// What the fast scanners (scan-json-request.ts, scan-protobuf-request.ts) take and give.

/** Content ids for resource and scope texts, as the caller assigns them. */
export interface ContentIds {
  resourceId(json: string): number
  scopeId(json: string): number
}

export interface ScannedRequest {
  records: SpanRecord[]
  /** the attributes of each resource, by id */
  resourceAttributes: Map<number, OtlpKeyValue[]>
}

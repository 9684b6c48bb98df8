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

/**
 * The id of a resource a scanner has described, taken at the resource's
 * first span, as the general path takes it: a resource without spans is
 * never stored.
 */
export function resourceIdAtFirstSpan(
  ids: ContentIds,
  resourceAttributes: Map<number, OtlpKeyValue[]>,
  described: { resourceJson: string; attributes: OtlpKeyValue[] },
): () => number {
  let resourceId: number | null = null
  return () => {
    if (resourceId === null) {
      resourceId = ids.resourceId(described.resourceJson)
      resourceAttributes.set(resourceId, described.attributes)
    }
    return resourceId
  }
}

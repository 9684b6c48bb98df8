import type { OtlpKeyValue } from '../otlp/otlp-types.js'
import type { SpanRecord } from './span-record.js'

// What the fast scanners (scan-json-request.ts, scan-protobuf-request.ts) take and give.

/** Content ids for resource and scope texts, as the caller assigns them. */
export interface ContentIds {
  resourceId(json: string): number
  scopeId(json: string): number
}

/**
 * Where a scanner hands over its records every `size` spans, so that a large request's records are not all alive at
 * once (see encode-batch.ts); what is left at the end comes back in ScannedRequest.records.
 */
export interface RecordWindow {
  size: number
  flush(records: SpanRecord[], resourceAttributes: Map<number, OtlpKeyValue[]>): void
}

export interface ScannedRequest {
  records: SpanRecord[]
  /** the attributes of each resource, by id */
  resourceAttributes: Map<number, OtlpKeyValue[]>
}

/** A scanner's records and resources, handed over to its window as they fill it. */
export class RecordCollector {
  private records: SpanRecord[] = []
  readonly resourceAttributes = new Map<number, OtlpKeyValue[]>()

  constructor(private readonly window?: RecordWindow) {}

  add(record: SpanRecord): void {
    this.records.push(record)
    if (this.window && this.records.length >= this.window.size) {
      this.window.flush(this.records, this.resourceAttributes)
      this.records = []
    }
  }

  result(): ScannedRequest {
    return { records: this.records, resourceAttributes: this.resourceAttributes }
  }
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

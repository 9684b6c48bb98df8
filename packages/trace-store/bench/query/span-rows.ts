import { makeRealisticBatch } from '../realistic-batch.js'

// The store bench's realistic batches, flattened into the rows an aggregate query engine reads:
// 8 services (the generator's four, and a second system of four in every other batch) and 30
// attribute keys (the generator's span and resource attributes plus five more; app.region leans
// towards slow spans, so Compare has something to find). Deterministic apart from the ids.

export const BATCH_SPANS = 512
export const TIME_RANGE_NS = 4n * 3_600_000_000_000n
export const FIRST_START_NS = BigInt(Date.UTC(2026, 11, 7, 8)) * 1_000_000n
export const LAST_HOUR_FROM_NS = FIRST_START_NS + TIME_RANGE_NS - 3_600_000_000_000n
export const END_NS = FIRST_START_NS + TIME_RANGE_NS + 60_000_000_000n

const SECOND_SYSTEM: Record<string, string> = {
  'demo-web': 'shop-web',
  'demo-api': 'shop-api',
  'auth-service': 'payments-service',
  'orders-db': 'inventory-db',
}

export type AttributeType = 'string' | 'number'

/** Every attribute key the rows carry, with the type its values have (booleans as 'true' / 'false'). */
export const ATTRIBUTE_KEYS: ReadonlyArray<readonly [string, AttributeType]> = [
  ['http.request.method', 'string'],
  ['url.full', 'string'],
  ['http.route', 'string'],
  ['http.response.status_code', 'number'],
  ['server.address', 'string'],
  ['server.port', 'number'],
  ['network.protocol.version', 'string'],
  ['user_agent.original', 'string'],
  ['session.id', 'string'],
  ['app.tenant', 'string'],
  ['app.cache_hit', 'string'],
  ['app.ratio', 'number'],
  ['db.system.name', 'string'],
  ['db.operation.name', 'string'],
  ['db.collection.name', 'string'],
  ['db.query.text', 'string'],
  ['db.response.returned_rows', 'number'],
  ['app.extra_0', 'string'],
  ['app.extra_1', 'string'],
  ['app.extra_2', 'string'],
  ['app.extra_3', 'string'],
  ['app.extra_4', 'string'],
  ['service.version', 'string'],
  ['deployment.environment.name', 'string'],
  ['telemetry.sdk.language', 'string'],
  ['host.name', 'string'],
  ['app.result_length', 'number'],
  ['app.region', 'string'],
  ['app.feature_flag', 'string'],
  ['enduser.id', 'string'],
]
export const ATTRIBUTE_INDEX = new Map(ATTRIBUTE_KEYS.map(([key], index) => [key, index]))

export interface SpanRow {
  rowId: number
  startNs: bigint
  durationNs: bigint
  traceId: string
  spanId: string
  parentSpanId: string | null
  service: string
  name: string
  kind: number
  status: number
  isRoot: boolean
  /** by ATTRIBUTE_KEYS index; undefined when the span lacks the key */
  attributes: Array<string | number | undefined>
}

interface OtlpValue {
  stringValue?: string
  intValue?: string
  doubleValue?: number
  boolValue?: boolean
}
interface OtlpAttribute {
  key: string
  value: OtlpValue
}
interface OtlpSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
  startTimeUnixNano: string
  endTimeUnixNano: string
  attributes: OtlpAttribute[]
  status: { code: number }
}
interface OtlpRequest {
  resourceSpans: Array<{ resource: { attributes: OtlpAttribute[] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>
}

function scalar(value: OtlpValue): string | number {
  if (value.stringValue !== undefined) return value.stringValue
  if (value.intValue !== undefined) return Number(value.intValue)
  if (value.doubleValue !== undefined) return value.doubleValue
  return String(value.boolValue ?? '')
}

function setAttribute(target: SpanRow['attributes'], key: string, value: string | number): void {
  const index = ATTRIBUTE_INDEX.get(key)
  if (index === undefined) throw new Error(`attribute key ${key} is not in ATTRIBUTE_KEYS`)
  target[index] = value
}

/** Batch `batchIndex` of the run (BATCH_SPANS spans), its first row id `batchIndex * BATCH_SPANS`. */
export function makeSpanRows(batchIndex: number, batchCount: number): SpanRow[] {
  const startTimeUnixNano = FIRST_START_NS + (TIME_RANGE_NS * BigInt(batchIndex)) / BigInt(batchCount)
  const request = makeRealisticBatch({ spanCount: BATCH_SPANS, startTimeUnixNano }) as OtlpRequest
  const rows: SpanRow[] = []
  let rowId = batchIndex * BATCH_SPANS
  for (const resourceSpans of request.resourceSpans) {
    let service = ''
    const resourceAttributes: Array<[string, string | number]> = []
    for (const attribute of resourceSpans.resource.attributes) {
      if (attribute.key === 'service.name') service = String(scalar(attribute.value))
      else resourceAttributes.push([attribute.key, scalar(attribute.value)])
    }
    if (batchIndex % 2 === 1) service = SECOND_SYSTEM[service] ?? service
    for (const scopeSpans of resourceSpans.scopeSpans) {
      for (const span of scopeSpans.spans) {
        const startNs = BigInt(span.startTimeUnixNano)
        const durationNs = BigInt(span.endTimeUnixNano) - startNs
        const attributes: SpanRow['attributes'] = new Array<undefined>(ATTRIBUTE_KEYS.length)
        for (const [key, value] of resourceAttributes) setAttribute(attributes, key, value)
        for (const attribute of span.attributes) setAttribute(attributes, attribute.key, scalar(attribute.value))
        const spread = (rowId * 2_654_435_761) >>> 0
        const slow = durationNs >= 360_000_000n
        setAttribute(attributes, 'host.name', `${service}-${spread % 3}`)
        setAttribute(attributes, 'app.result_length', spread % 50)
        setAttribute(attributes, 'app.region', slow && spread % 3 !== 0 ? 'ap-south' : ['eu-west', 'us-east', 'ap-south'][spread % 3]!)
        setAttribute(attributes, 'app.feature_flag', spread % 10 === 0 ? 'new-feed' : 'control')
        setAttribute(attributes, 'enduser.id', `user-${spread % 1000}`)
        rows.push({
          rowId,
          startNs,
          durationNs,
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? null,
          service,
          name: span.name,
          kind: span.kind,
          status: span.status.code,
          isRoot: span.parentSpanId === undefined,
          attributes,
        })
        rowId += 1
      }
    }
  }
  return rows
}

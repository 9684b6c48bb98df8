import { randomBytes } from 'node:crypto'

export function newTraceId(): string {
  return randomBytes(16).toString('hex')
}

export function newSpanId(): string {
  return randomBytes(8).toString('hex')
}

export interface SpanOverrides {
  traceId?: string
  spanId?: string
  parentSpanId?: string
  name?: string
  kind?: number
  startTimeUnixNano?: string
  endTimeUnixNano?: string
  attributes?: unknown[]
  status?: { code: number; message?: string }
  [key: string]: unknown
}

/** One OTLP JSON span with sensible defaults: 1 ms long, INTERNAL, no attributes. */
export function makeSpan(overrides: SpanOverrides = {}) {
  return {
    traceId: newTraceId(),
    spanId: newSpanId(),
    name: 'work',
    kind: 1,
    startTimeUnixNano: '1718000000000000000',
    endTimeUnixNano: '1718000000001000000',
    attributes: [],
    status: { code: 0 },
    ...overrides,
  }
}

/** An OTLP JSON export request holding the given spans for one service. */
export function makeRequest(serviceName: string, spans: unknown[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [{ scope: { name: 'test-scope', version: '1.0.0' }, spans }],
      },
    ],
  }
}

import { randomBytes } from 'node:crypto'

// Requests like a Collector's batches from many short requests: every trace one
// span, a handful of attributes. 56,000 of them make the 19 MiB request.

function stringAttribute(key: string, value: string) {
  return { key, value: { stringValue: value } }
}

/** One OTLP JSON request of `traceCount` one-span traces whose trace ids all start with `traceIdPrefix` (8 hex digits). */
export function makeOneSpanTraces(traceCount: number, traceIdPrefix: string, startTimeUnixNano: bigint) {
  const spans = Array.from({ length: traceCount }, (_, index) => {
    const startNs = startTimeUnixNano + BigInt(index) * 1_000n
    return {
      traceId: `${traceIdPrefix}${randomBytes(12).toString('hex')}`,
      spanId: randomBytes(8).toString('hex'),
      name: `GET /api/items/${index % 50}`,
      kind: 2,
      startTimeUnixNano: startNs.toString(),
      endTimeUnixNano: (startNs + 3_000_000n).toString(),
      attributes: [stringAttribute('http.request.method', 'GET'), { key: 'http.response.status_code', value: { intValue: index % 23 === 0 ? '500' : '200' } }],
      status: { code: index % 23 === 0 ? 2 : 0 },
    }
  })
  return {
    resourceSpans: [
      {
        resource: { attributes: [stringAttribute('service.name', 'items-api'), stringAttribute('service.version', '2.0.1')] },
        scopeSpans: [{ scope: { name: 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp', version: '0.61.0' }, spans }],
      },
    ],
  }
}

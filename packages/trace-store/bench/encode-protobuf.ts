import { opentelemetry } from '../otlp-proto/otlp-trace.js'

export const ExportTraceServiceRequest = opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest

type JsonValue = unknown

/** Serialises an OTLP JSON request as protobuf, turning hex ids into bytes, for the benchmark's protobuf bodies. */
export function encodeProtobufRequest(request: JsonValue): Uint8Array {
  const withBytes = JSON.parse(JSON.stringify(request), (key, value: unknown) =>
    (key === 'traceId' || key === 'spanId' || key === 'parentSpanId') && typeof value === 'string' ? Buffer.from(value, 'hex') : value,
  ) as unknown
  return ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(withBytes as Record<string, unknown>)).finish()
}

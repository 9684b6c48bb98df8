import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const generatedRoot = require('otlp-proto-generated/build/src/generated/root.js') as {
  opentelemetry: { proto: { collector: { trace: { v1: { ExportTraceServiceRequest: ProtoType } } } } }
}
interface ProtoType {
  fromObject(object: unknown): unknown
  encode(message: unknown): { finish(): Uint8Array }
  decode(bytes: Uint8Array): unknown
}

export const ExportTraceServiceRequest = generatedRoot.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest

type JsonValue = unknown

/** Serialises an OTLP JSON request as protobuf, turning hex ids into bytes, for the benchmark's protobuf bodies. */
export function encodeProtobufRequest(request: JsonValue): Uint8Array {
  const withBytes = JSON.parse(JSON.stringify(request), (key, value: unknown) =>
    (key === 'traceId' || key === 'spanId' || key === 'parentSpanId') && typeof value === 'string' ? Buffer.from(value, 'hex') : value,
  ) as unknown
  return ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(withBytes)).finish()
}

// Bodies the OTLP/HTTP receiver answers with, in the request's content type:
// ExportTraceServiceResponse on success, google.rpc.Status on failure.

export type OtlpEncoding = 'json' | 'protobuf'

export const CONTENT_TYPE_BY_ENCODING: Record<OtlpEncoding, string> = {
  json: 'application/json',
  protobuf: 'application/x-protobuf',
}

/** google.rpc.Code values used by the receiver. */
export const RPC_CODE = { INVALID_ARGUMENT: 3, UNAUTHENTICATED: 16, RESOURCE_EXHAUSTED: 8, INTERNAL: 13, UNAVAILABLE: 14 } as const

export function encodeExportResponse(encoding: OtlpEncoding, rejectedSpans: number, errorMessage: string): Buffer {
  if (encoding === 'json') {
    const body = rejectedSpans > 0 || errorMessage ? { partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } } : {}
    return Buffer.from(JSON.stringify(body))
  }
  if (rejectedSpans === 0 && !errorMessage) return Buffer.alloc(0)
  // ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; } in field 1.
  const partial = Buffer.concat([fieldVarint(1, BigInt(rejectedSpans)), fieldBytes(2, Buffer.from(errorMessage))])
  return fieldBytes(1, partial)
}

export function encodeStatus(encoding: OtlpEncoding, code: number, message: string): Buffer {
  if (encoding === 'json') return Buffer.from(JSON.stringify({ code, message, details: [] }))
  // google.rpc.Status { int32 code = 1; string message = 2; }
  return Buffer.concat([fieldVarint(1, BigInt(code)), fieldBytes(2, Buffer.from(message))])
}

function varint(value: bigint): Buffer {
  const bytes: number[] = []
  let rest = BigInt.asUintN(64, value)
  do {
    let byte = Number(rest & 0x7fn)
    rest >>= 7n
    if (rest > 0n) byte |= 0x80
    bytes.push(byte)
  } while (rest > 0n)
  return Buffer.from(bytes)
}

function fieldVarint(fieldNumber: number, value: bigint): Buffer {
  return Buffer.concat([varint(BigInt(fieldNumber << 3)), varint(value)])
}

function fieldBytes(fieldNumber: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint(BigInt((fieldNumber << 3) | 2)), varint(BigInt(bytes.length)), bytes])
}

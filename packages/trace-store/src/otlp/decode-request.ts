import { collectSpans } from './collect-spans.js'
import { decodeJsonRequest } from './decode-json.js'
import { decodeProtobufRequest } from './decode-protobuf.js'
import type { OtlpEncoding } from './otlp-response.js'
import type { DecodedSpans } from './otlp-types.js'

/** Picks the encoding from a Content-Type header; null for anything OTLP/HTTP does not define. */
export function encodingOf(contentType: string | undefined): OtlpEncoding | null {
  const mediaType = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase()
  if (mediaType === 'application/json') return 'json'
  if (mediaType === 'application/x-protobuf' || mediaType === 'application/protobuf') return 'protobuf'
  return null
}

/** Decodes and validates one export request body; throws OtlpRequestError when the request as a whole is malformed. */
export function decodeTraceRequest(encoding: OtlpEncoding, body: Buffer): DecodedSpans {
  return collectSpans(encoding === 'json' ? decodeJsonRequest(body) : decodeProtobufRequest(body))
}

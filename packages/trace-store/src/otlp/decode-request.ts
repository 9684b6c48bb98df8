import { decodeJsonRequest } from './decode-json.js'
import { decodeProtobufRequest } from './decode-protobuf.js'
import type { OtlpEncoding } from './otlp-response.js'

/** Picks the encoding from a Content-Type header; null for anything OTLP/HTTP does not define. */
export function encodingOf(contentType: string | undefined): OtlpEncoding | null {
  const mediaType = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase()
  if (mediaType === 'application/json') return 'json'
  if (mediaType === 'application/x-protobuf' || mediaType === 'application/protobuf') return 'protobuf'
  return null
}

/** Decodes one export request body into the OTLP JSON shape (not yet validated); throws OtlpRequestError when it cannot be read. */
export function decodeRequestBody(encoding: OtlpEncoding, body: Buffer): unknown {
  return encoding === 'json' ? decodeJsonRequest(body) : decodeProtobufRequest(body)
}

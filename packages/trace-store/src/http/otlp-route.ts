import { StoreError } from './store-error.js'
import { encodingOf } from '../otlp/decode-request.js'
import { OtlpRequestError } from '../otlp/otlp-request-error.js'
import { CONTENT_TYPE_BY_ENCODING, encodeExportResponse, encodeStatus, type OtlpEncoding } from '../otlp/otlp-response.js'
import type { RejectedSpan } from '../otlp/otlp-types.js'
import { rpcCodeOf } from './api-errors.js'
import { readBody } from './read-body.js'
import { sendBytes } from './respond.js'
import { headerValue, tokenMatches } from './tokens.js'
import type { RouteRequest } from './route.js'

const MAX_LISTED_REJECTIONS = 5
const RPC_CODE_UNAVAILABLE = 14

/** POST /v1/traces: OTLP/HTTP trace export, JSON or protobuf, optionally gzipped. */
export async function handleOtlpTraces({ request, response, context }: RouteRequest): Promise<void> {
  const encoding = encodingOf(request.headers['content-type'])
  // Errors are answered in the request's encoding when it has one, else JSON.
  const replyEncoding: OtlpEncoding = encoding ?? 'json'
  const fail = (status: number, message: string) => {
    sendBytes(response, status, CONTENT_TYPE_BY_ENCODING[replyEncoding], encodeStatus(replyEncoding, rpcCodeOf(status), message))
  }

  const { ingestToken } = context.options
  if (ingestToken && !tokenMatches(headerValue(request.headers[ingestToken.header.toLowerCase()]), ingestToken.value)) {
    request.resume()
    return fail(401, `missing or wrong ${ingestToken.header} header`)
  }
  if (!encoding) {
    request.resume()
    return fail(415, `Content-Type must be application/json or application/x-protobuf, got '${request.headers['content-type'] ?? ''}'`)
  }

  let body: Buffer
  try {
    body = await readBody(request, context.options.maxBodyBytes)
  } catch (error) {
    if (!(error instanceof StoreError)) throw error
    response.setHeader('Connection', 'close')
    return fail(error.httpStatus, error.message)
  }

  let decoded
  try {
    decoded = await context.encodeBatch(encoding, body)
  } catch (error) {
    if (error instanceof OtlpRequestError) return fail(400, error.message)
    throw error
  }

  try {
    context.ingestBatch(decoded)
  } catch (error) {
    // Nothing was committed: ask the exporter to retry rather than lose the batch.
    context.options.log(`could not store spans: ${(error as Error).message}`)
    response.setHeader('Retry-After', '5')
    return sendBytes(response, 503, CONTENT_TYPE_BY_ENCODING[encoding], encodeStatus(encoding, RPC_CODE_UNAVAILABLE, 'spans could not be stored; retry later'))
  }

  const errorMessage = describeRejections(decoded.rejected)
  if (decoded.rejected.length > 0) context.options.log(`partial success: ${errorMessage}`)
  sendBytes(response, 200, CONTENT_TYPE_BY_ENCODING[encoding], encodeExportResponse(encoding, decoded.rejected.length, errorMessage))
}

function describeRejections(rejected: RejectedSpan[]): string {
  if (rejected.length === 0) return ''
  const listed = rejected.slice(0, MAX_LISTED_REJECTIONS).map((rejection) => `${rejection.path}: ${rejection.reason}`)
  const more = rejected.length > MAX_LISTED_REJECTIONS ? `; and ${rejected.length - MAX_LISTED_REJECTIONS} more` : ''
  return `${rejected.length} span(s) rejected: ${listed.join('; ')}${more}`
}

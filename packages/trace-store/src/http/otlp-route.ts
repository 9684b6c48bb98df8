import type { ServerResponse } from 'node:http'
import { StoreError } from './store-error.js'
import { encodingOf } from '../otlp/decode-request.js'
import { OtlpRequestError } from '../otlp/otlp-request-error.js'
import { CONTENT_TYPE_BY_ENCODING, encodeExportResponse, encodeStatus, type OtlpEncoding } from '../otlp/otlp-response.js'
import type { RejectedSpan } from '../otlp/otlp-types.js'
import { rpcCodeOf } from './api-errors.js'
import type { IngestTicket } from './ingest-budget.js'
import { declaredBodyBytes, readBody, tooLarge } from './read-body.js'
import { sendBytes } from './respond.js'
import { headerValue, tokenMatches } from './tokens.js'
import type { RouteRequest } from './route.js'

const MAX_LISTED_REJECTIONS = 5
// A 19 MiB request is committed within a few seconds: by then the budget has room again.
const RETRY_AFTER_SEC = 2

/** POST /v1/traces: OTLP/HTTP trace export, JSON or protobuf, optionally gzipped. */
export async function handleOtlpTraces(route: RouteRequest): Promise<void> {
  const { request, response, context } = route
  const encoding = encodingOf(request.headers['content-type'])
  // Errors are answered in the request's encoding when it has one, else JSON.
  const reply = otlpReplies(response, encoding ?? 'json')

  const { ingestToken } = context.options
  if (ingestToken && !tokenMatches(headerValue(request.headers[ingestToken.header.toLowerCase()]), ingestToken.value)) {
    request.resume()
    return reply.fail(401, `missing or wrong ${ingestToken.header} header`)
  }
  if (!encoding) {
    request.resume()
    return reply.fail(415, `Content-Type must be application/json or application/x-protobuf, got '${request.headers['content-type'] ?? ''}'`)
  }
  // Too large is final (413), never "retry later": checked before the budget.
  const declaredBytes = declaredBodyBytes(request)
  if (declaredBytes > context.options.maxBodyBytes) {
    response.setHeader('Connection', 'close')
    return reply.fail(413, tooLarge(context.options.maxBodyBytes).message)
  }

  // Admission comes before the body is read, so a request over the ingest
  // budget costs no memory. Its body is discarded as it arrives and the
  // connection stays usable: the exporter reads the 503, not a reset.
  const ticket = context.ingestBudget.admit(declaredBytes)
  if (!ticket) {
    request.resume()
    const { maxRequests, maxBodyBytes } = context.ingestBudget.limits
    return reply.retryLater(`the store is busy: at most ${maxRequests} requests and ${maxBodyBytes} body bytes are ingested at once; retry later`)
  }
  try {
    await ingestAdmitted(route, encoding, ticket, reply)
  } finally {
    ticket.release()
  }
}

/** Reads, decodes and commits a request the budget admitted; the ticket grows with the body as it is read. */
async function ingestAdmitted({ request, response, context }: RouteRequest, encoding: OtlpEncoding, ticket: IngestTicket, reply: OtlpReplies) {
  let body: Buffer
  try {
    body = await readBody(request, context.options.maxBodyBytes, ticket)
  } catch (error) {
    if (!(error instanceof StoreError)) throw error
    // the rest of the body is not read: the connection cannot carry another request
    response.setHeader('Connection', 'close')
    if (error.code === 'service_unavailable') return reply.retryLater(error.message)
    return reply.fail(error.httpStatus, error.message)
  }

  let decoded
  try {
    decoded = await context.encodeBatch(encoding, body)
  } catch (error) {
    if (error instanceof OtlpRequestError) return reply.fail(400, error.message)
    throw error
  }

  try {
    context.ingestBatch(decoded)
  } catch (error) {
    // Nothing was committed: ask the exporter to retry rather than lose the batch.
    context.options.log(`could not store spans: ${(error as Error).message}`)
    return reply.retryLater('spans could not be stored; retry later')
  }

  const errorMessage = describeRejections(decoded.rejected)
  if (decoded.rejected.length > 0) context.options.log(`partial success: ${errorMessage}`)
  sendBytes(response, 200, CONTENT_TYPE_BY_ENCODING[encoding], encodeExportResponse(encoding, decoded.rejected.length, errorMessage))
}

interface OtlpReplies {
  /** a google.rpc.Status with the code for the HTTP status */
  fail(status: number, message: string): void
  /** 503 + Retry-After: a passing condition, the exporter sends the same request again */
  retryLater(message: string): void
}

function otlpReplies(response: ServerResponse, encoding: OtlpEncoding): OtlpReplies {
  const fail = (status: number, message: string) => {
    sendBytes(response, status, CONTENT_TYPE_BY_ENCODING[encoding], encodeStatus(encoding, rpcCodeOf(status), message))
  }
  return {
    fail,
    retryLater(message) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SEC))
      fail(503, message)
    },
  }
}

function describeRejections(rejected: RejectedSpan[]): string {
  if (rejected.length === 0) return ''
  const listed = rejected.slice(0, MAX_LISTED_REJECTIONS).map((rejection) => `${rejection.path}: ${rejection.reason}`)
  const more = rejected.length > MAX_LISTED_REJECTIONS ? `; and ${rejected.length - MAX_LISTED_REJECTIONS} more` : ''
  return `${rejected.length} span(s) rejected: ${listed.join('; ')}${more}`
}

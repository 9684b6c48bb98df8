import type { IncomingMessage } from 'node:http'
import { gunzip } from 'node:zlib'
import { promisify } from 'node:util'
import type { IngestTicket } from './ingest-budget.js'
import { StoreError } from './store-error.js'

const gunzipAsync = promisify(gunzip)

/** The Content-Length of a request, 0 when it has none (a chunked body). */
export function declaredBodyBytes(request: IncomingMessage): number {
  const declared = Number(request.headers['content-length'] ?? 0)
  return Number.isSafeInteger(declared) && declared > 0 ? declared : 0
}

/**
 * Reads a request body up to `maxBytes`, both as sent and after gzip
 * decompression. Stops reading as soon as the limit is passed. With a
 * `ticket`, the body's bytes as read, and after decompression, must also
 * fit the ingest budget (ingest-budget.ts): as soon as they do not, reading
 * stops with a `service_unavailable` StoreError.
 */
export async function readBody(request: IncomingMessage, maxBytes: number, ticket?: IngestTicket): Promise<Buffer> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase().trim()
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new StoreError('unsupported_media_type', `Content-Encoding '${encoding}' is not supported; use gzip or none`)
  }
  const declaredLength = Number(request.headers['content-length'] ?? 0)
  if (declaredLength > maxBytes) throw tooLarge(maxBytes)

  const chunks: Buffer[] = []
  let receivedBytes = 0
  for await (const chunk of request) {
    receivedBytes += (chunk as Buffer).length
    if (receivedBytes > maxBytes) throw tooLarge(maxBytes)
    if (ticket && !ticket.reserve(receivedBytes)) throw overBudget()
    chunks.push(chunk as Buffer)
  }
  const body = Buffer.concat(chunks, receivedBytes)
  if (encoding === 'identity') return body
  let decompressed: Buffer
  try {
    decompressed = await gunzipAsync(body, { maxOutputLength: maxBytes })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes)
    throw new StoreError('bad_request', `gzip body could not be decompressed: ${(error as Error).message}`)
  }
  if (ticket && !ticket.reserve(decompressed.length)) throw overBudget()
  return decompressed
}

function overBudget(): StoreError {
  return new StoreError('service_unavailable', 'the store is busy with other requests; retry later')
}

export function tooLarge(maxBytes: number): StoreError {
  return new StoreError('payload_too_large', `body is larger than the limit of ${maxBytes} bytes (after decompression)`)
}

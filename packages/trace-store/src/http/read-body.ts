import type { IncomingMessage } from 'node:http'
import { gunzip } from 'node:zlib'
import { promisify } from 'node:util'
import { StoreError } from './store-error.js'

const gunzipAsync = promisify(gunzip)

/**
 * Reads a request body up to `maxBytes`, both as sent and after gzip
 * decompression. Stops reading as soon as the limit is passed.
 */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
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
    chunks.push(chunk as Buffer)
  }
  const body = Buffer.concat(chunks, receivedBytes)
  if (encoding === 'identity') return body
  try {
    return await gunzipAsync(body, { maxOutputLength: maxBytes })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes)
    throw new StoreError('bad_request', `gzip body could not be decompressed: ${(error as Error).message}`)
  }
}

function tooLarge(maxBytes: number): StoreError {
  return new StoreError('payload_too_large', `body is larger than the limit of ${maxBytes} bytes (after decompression)`)
}

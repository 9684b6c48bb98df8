import type { ServerResponse } from 'node:http'
import { StoreError } from '../errors.js'

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(response, status, JSON.stringify(body), headers)
}

/** For JSON the caller has already serialised. */
export function sendJsonText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers })
  response.end(text)
}

export function sendBytes(response: ServerResponse, status: number, contentType: string, body: Buffer): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length })
  response.end(body)
}

/** The query API's error envelope: a stable code and a message that is safe to show. */
export function sendStoreError(response: ServerResponse, error: StoreError): void {
  sendJson(response, error.httpStatus, { error: { code: error.code, message: error.message } })
}

/** Anything that is not a StoreError is a bug: log it, answer without internals. */
export function asStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error
  console.error('[spanlight-store] unexpected error:', error)
  return new StoreError('internal', 'internal error; see the store log')
}

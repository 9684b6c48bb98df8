import type { ServerResponse } from 'node:http'
import { CONTENT_TYPE_BY_ENCODING, encodeStatus, RPC_CODE } from '../otlp/otlp-response.js'
import { StoreError } from './store-error.js'

/**
 * The store's three APIs, each with the error envelope its clients read:
 * OTLP exporters a google.rpc.Status, the query API (and /health, CORS
 * preflights, unknown paths) `{"error":{code,message}}`, Rollbar clients
 * `{"err":1,"message"}`.
 */
export type ApiFamily = 'otlp' | 'query' | 'rollbar'

// google.rpc.Code PERMISSION_DENIED, for a refused Host or Origin
const RPC_PERMISSION_DENIED = 7

const RPC_CODE_BY_STATUS: Record<number, number> = {
  400: RPC_CODE.INVALID_ARGUMENT,
  401: RPC_CODE.UNAUTHENTICATED,
  403: RPC_PERMISSION_DENIED,
  413: RPC_CODE.RESOURCE_EXHAUSTED,
  415: RPC_CODE.INVALID_ARGUMENT,
  503: RPC_CODE.UNAVAILABLE,
}

/** The google.rpc.Code an OTLP client gets for an HTTP status. */
export function rpcCodeOf(httpStatus: number): number {
  return RPC_CODE_BY_STATUS[httpStatus] ?? RPC_CODE.INTERNAL
}

/** Answers with the family's error envelope: a stable code or status and a message that is safe to show. */
export function sendApiError(family: ApiFamily, response: ServerResponse, error: StoreError): void {
  const status = error.httpStatus
  let body: Buffer
  if (family === 'otlp') {
    body = encodeStatus('json', rpcCodeOf(status), error.message)
    response.writeHead(status, { 'Content-Type': CONTENT_TYPE_BY_ENCODING.json, 'Content-Length': body.length })
  } else {
    body = Buffer.from(JSON.stringify(family === 'rollbar' ? { err: 1, message: error.message } : { error: { code: error.code, message: error.message } }))
    response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length })
  }
  response.end(body)
}

/** Anything that is not a StoreError is a bug: log it through the configured logger, answer without internals. */
export function asStoreError(error: unknown, log: (message: string) => void): StoreError {
  if (error instanceof StoreError) return error
  log(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  return new StoreError('internal', 'internal error; see the store log')
}

/** Every error the store answers with; the code decides the HTTP status, the message is safe to show. */
export type StoreErrorCode =
  | 'bad_request'
  | 'invalid_trace_id'
  | 'unauthorized'
  | 'host_not_allowed'
  | 'origin_not_allowed'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'method_not_allowed'
  | 'internal'
  | 'service_unavailable'

export const HTTP_STATUS_BY_CODE: Record<StoreErrorCode, number> = {
  bad_request: 400,
  invalid_trace_id: 400,
  unauthorized: 401,
  host_not_allowed: 403,
  origin_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  internal: 500,
  service_unavailable: 503,
}

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'StoreError'
  }

  get httpStatus(): number {
    return HTTP_STATUS_BY_CODE[this.code]
  }
}

import 'server-only'

export type DashboardErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'upstream_unreachable'
  | 'upstream_error'
  | 'upstream_bad_response'
  | 'upstream_timeout'
  | 'config'
  /** the upstream understood the request but would not finish it (the store's query over its time or memory budget) */
  | 'unprocessable'
  /** the configured source has no API for what was asked (Jaeger and custom queries) */
  | 'not_implemented'

export const STATUS_BY_CODE: Record<DashboardErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  upstream_unreachable: 502,
  upstream_error: 502,
  upstream_bad_response: 502,
  upstream_timeout: 504,
  config: 500,
  unprocessable: 422,
  not_implemented: 501,
}

/** The one error type of the server side; its message is safe to show (it names a source, never a URL or token). */
export class DashboardError extends Error {
  override name = 'DashboardError'
  constructor(
    readonly code: DashboardErrorCode,
    message: string,
    readonly source?: string,
  ) {
    super(message)
  }

  get httpStatus(): number {
    return STATUS_BY_CODE[this.code]
  }
}

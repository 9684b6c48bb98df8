/** Every error the API answers with; the code decides the HTTP status, the message is safe to show. */
export type AppErrorCode = 'bad_request' | 'not_found' | 'payload_too_large' | 'validation_failed' | 'internal'

export const HTTP_STATUS_BY_CODE: Record<AppErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  payload_too_large: 413,
  validation_failed: 422,
  internal: 500,
}

export interface FieldProblem {
  field: string
  message: string
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** the input fields that were wrong, first one first */
    readonly fields: FieldProblem[] = [],
  ) {
    super(message)
    this.name = 'AppError'
  }

  get httpStatus(): number {
    return HTTP_STATUS_BY_CODE[this.code]
  }

  static invalidFields(fields: FieldProblem[]): AppError {
    const summary = fields.map((problem) => `${problem.field} ${problem.message}`).join('; ')
    return new AppError('validation_failed', summary, fields)
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: {
    code: AppErrorCode
    message: string
    /** the first wrong input field, when the error is about one */
    field?: string
    /** every wrong input field */
    fields?: FieldProblem[]
    /** the trace of the failed request, to look it up in the store */
    traceId?: string
  }
}

import { SpanStatusCode } from '@opentelemetry/api'
import { ATTR_ROLLBAR_ITEM_UUID } from '@spanlight/web-tracing/rollbar'
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express'
import { currentServerSpan, spanIds } from '../telemetry/request-span.js'
import { AppError, type ErrorBody } from './app-error.js'
import type { ErrorReporter } from './error-reporter.js'

/**
 * Span attribute holding the uuid of the Rollbar item reported for the
 * request's error: the same key the browser package sets on its spans
 * (`rollbar.item.uuid`, defined once in @spanlight/web-tracing/rollbar), so
 * one query finds the errored span of any service from an item.
 */
export const ATTR_ROLLBAR_UUID = ATTR_ROLLBAR_ITEM_UUID

/** What body-parser throws carries `type` and a 4xx `status`. */
function isBodyParserError(error: unknown): error is Error & { type: string; status: number } {
  return error instanceof Error && typeof (error as { type?: unknown }).type === 'string' && typeof (error as { status?: unknown }).status === 'number'
}

/** Maps anything thrown to an AppError whose message is safe to send; undefined means an unexpected failure. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error
  if (isBodyParserError(error) && error.status < 500) {
    if (error.type === 'entity.parse.failed') return new AppError('bad_request', 'body is not valid JSON')
    if (error.type === 'entity.too.large') return new AppError('payload_too_large', 'body is too large')
    return new AppError('bad_request', 'body could not be read')
  }
  return undefined
}

export function notFoundRoute(): RequestHandler {
  return (request, _response, next) => next(new AppError('not_found', `no endpoint ${request.method} ${request.path}`))
}

/**
 * The one error handler: expected errors answer with their status; anything
 * else is recorded on the SERVER span, reported to Rollbar with the trace ids,
 * and answered with a 500 that carries no internal details.
 */
export function handleErrors(reporter: ErrorReporter, log: (message: string) => void = console.error): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const serverSpan = currentServerSpan()
    const ids = spanIds(serverSpan)
    let appError = toAppError(error)
    if (!appError) {
      const failure = error instanceof Error ? error : new Error(String(error))
      appError = new AppError('internal', 'internal error')
      if (serverSpan) {
        serverSpan.recordException(failure)
        serverSpan.setStatus({ code: SpanStatusCode.ERROR, message: failure.message })
      }
      try {
        const uuid = reporter.report(failure, request, ids)
        if (uuid) serverSpan?.setAttribute(ATTR_ROLLBAR_UUID, uuid)
      } catch (reportError) {
        log(`[demo-api] could not report an error to Rollbar: ${String(reportError)}`)
      }
      log(`[demo-api] ${request.method} ${request.originalUrl} failed (trace ${ids?.traceId ?? 'none'}): ${failure.stack ?? failure.message}`)
    }
    if (response.headersSent) return
    sendAppError(response, appError)
  }
}

/** Answers with the error's status and its JSON body, which names the trace of the request. */
export function sendAppError(response: Response, appError: AppError): void {
  const ids = spanIds(currentServerSpan())
  const [firstField] = appError.fields
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(firstField ? { field: firstField.field, fields: appError.fields } : {}),
      ...(ids ? { traceId: ids.traceId } : {}),
    },
  }
  response.status(appError.httpStatus).json(body)
}

/**
 * Wraps a route handler so that expected errors (bad input, unknown handle)
 * are answered right there: a 4xx is the client's mistake, not a failure of
 * the handler, so its span is not marked as an error. Anything else goes on
 * to the error handler.
 */
export function answeringExpectedErrors(handler: (request: Request, response: Response) => void): RequestHandler {
  return (request, response, next) => {
    try {
      handler(request, response)
    } catch (error) {
      const appError = toAppError(error)
      if (appError && appError.httpStatus < 500) sendAppError(response, appError)
      else next(error)
    }
  }
}

import { OtlpRequestError } from './otlp-request-error.js'

export function decodeJsonRequest(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch (error) {
    throw new OtlpRequestError(`body is not valid JSON: ${(error as Error).message}`)
  }
}

import { OtlpRequestError } from './otlp-request-error.js'

export function decodeJsonRequest(body: Buffer): unknown {
  return parseJsonRequestText(body.toString('utf8'))
}

export function parseJsonRequestText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new OtlpRequestError(`body is not valid JSON: ${(error as Error).message}`)
  }
}

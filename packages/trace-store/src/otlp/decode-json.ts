import { OtlpRequestError } from './otlp-request-error.js'

// The OTLP JSON mapping lets int64 and fixed64 fields be JSON numbers as well as
// decimal strings, but JSON.parse turns a number above 2^53 into the nearest
// double (1718000000000000001 becomes …000000). So before parsing, the digits of
// such a number in the int64 fields the store reads are put in quotes: the value
// then arrives as the exact decimal string it would have been. The pattern can
// only match a key: a quote inside a JSON string is escaped, so `"intValue"`
// followed by `:` is never string content. A number with a fraction or an
// exponent is left alone (and rejected by the field's check when not exact).
const INT64_NUMBER = /("(?:startTimeUnixNano|endTimeUnixNano|timeUnixNano|intValue)"\s*:\s*)(-?\d+)(?=\s*[,}\]])/g

export function decodeJsonRequest(body: Buffer): unknown {
  return parseJsonRequestText(body.toString('utf8'))
}

/** Parses OTLP JSON text, keeping int64 fields given as numbers exact (as decimal strings); throws SyntaxError. */
export function parseOtlpJson(text: string): unknown {
  return JSON.parse(text.replace(INT64_NUMBER, '$1"$2"'))
}

export function parseJsonRequestText(text: string): unknown {
  try {
    return parseOtlpJson(text)
  } catch (error) {
    throw new OtlpRequestError(`body is not valid JSON: ${(error as Error).message}`)
  }
}

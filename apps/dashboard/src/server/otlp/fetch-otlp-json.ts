import 'server-only'
import type { z } from 'zod'
import { badResponse, requestUpstream, upstreamJsonBody, type Upstream } from '../upstream'

// The OTLP JSON mapping lets int64 fields be JSON numbers as well as decimal strings (Tempo sends either), but
// JSON.parse turns a number above 2^53 into the nearest double: 1782036644636668001 would become …668000. So the
// digits of such a number in an int64 field are put in quotes before parsing, and arrive as the exact decimal
// string. Only a key can match: a quote inside a JSON string is escaped, so `"intValue"` followed by `:` is never
// string content. A number with a fraction or an exponent is left alone (the field's check then refuses it).
const INT64_NUMBER = /("(?:startTimeUnixNano|endTimeUnixNano|timeUnixNano|intValue)"\s*:\s*)(-?\d+)(?=\s*[,}\]])/g

/** OTLP JSON text with its int64 numbers quoted, so that parsing it keeps them exact. */
export function quoteInt64Numbers(text: string): string {
  return text.replace(INT64_NUMBER, '$1"$2"')
}

/**
 * fetchUpstreamJson for an answer that carries OTLP JSON: the same request, status handling and validation, with
 * int64 numbers kept exact.
 */
export async function fetchOtlpJson<T>(upstream: Upstream, url: URL, schema: z.ZodType<T>, options: { nullOn?: number[] } = {}): Promise<T | null> {
  const reply = await requestUpstream(upstream, url)
  if (options.nullOn?.includes(reply.status)) return null
  const parsed = schema.safeParse(upstreamJsonBody(upstream, { status: reply.status, text: quoteInt64Numbers(reply.text) }))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw badResponse(upstream, issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : undefined)
  }
  return parsed.data
}

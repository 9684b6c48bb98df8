import 'server-only'
import http from 'node:http'
import https from 'node:https'
import zlib from 'node:zlib'
import type { z } from 'zod'
import { DashboardError } from './errors'
import { safeUpstreamDetail, upstreamStatusMessage } from './safe-upstream-text'

/** One configured upstream: the only base URL requests go to, and the headers that authenticate them. */
export interface Upstream {
  /** human name used in messages, e.g. "the trace store" */
  name: string
  baseUrl: string
  headers: Record<string, string>
  timeoutMs: number
  /** what to tell the user when it cannot be reached */
  unreachableHint: string
}

export type QueryValue = string | number | boolean | undefined | null | (string | number)[]

/** Builds a URL under the upstream's base; refuses anything that would leave its origin. */
export function upstreamUrl(upstream: Upstream, path: string, query: Record<string, QueryValue> = {}): URL {
  const base = new URL(upstream.baseUrl.endsWith('/') ? upstream.baseUrl : `${upstream.baseUrl}/`)
  const url = new URL(path.replace(/^\/+/, ''), base)
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
    throw new DashboardError('bad_request', `refusing a request outside ${upstream.name}`)
  }
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item))
    else url.searchParams.set(key, String(value))
  }
  return url
}

interface FetchOptions {
  /** statuses answered with null instead of an error (e.g. 404 for "not found") */
  nullOn?: number[]
}

/** An upstream's answer, read in full: the status and the body as text. */
export interface UpstreamReply {
  status: number
  text: string
}

// Upstream calls go through node:http with keep-alive agents rather than the global fetch: on the per-search path
// (a 2–3 ms store query) fetch's WHATWG streams cost about 0.5 ms more per call, and a 10 MB trace is read faster
// as Buffers. Redirects are never followed (node:http does not), so a request cannot leave the configured base.
const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 32 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 32 }),
}

class UpstreamTimeout extends Error {
  constructor(readonly answered: boolean) {
    super('upstream timeout')
  }
}

function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
  // no Accept-Encoding is sent, but a server may compress anyway
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gunzipSync(body)
  if (encoding === 'deflate') return zlib.inflateSync(body)
  if (encoding === 'br') return zlib.brotliDecompressSync(body)
  return body
}

/** A request other than a GET: with a JSON body (an RQL job's POST, an item's PATCH), or a DELETE without one. */
export interface UpstreamSend {
  method: 'POST' | 'PATCH' | 'DELETE'
  /** left out: no body (a DELETE) */
  json?: unknown
}

function requestOnce(upstream: Upstream, url: URL, send?: UpstreamSend): Promise<UpstreamReply> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http
    const agent = AGENTS[url.protocol as keyof typeof AGENTS]
    let answered = false
    let timedOut = false
    // whichever error the destroyed request or response reports, a timeout is reported as one
    const fail = (error: Error) => {
      clearTimeout(timer)
      reject(timedOut ? new UpstreamTimeout(answered) : Object.assign(error, { reusedSocket: request.reusedSocket }))
    }
    const payload = send && send.json !== undefined ? Buffer.from(JSON.stringify(send.json)) : undefined
    const headers = {
      accept: 'application/json',
      ...upstream.headers,
      ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
    }
    const request = client.request(url, { method: send?.method ?? 'GET', agent, headers }, (response) => {
      answered = true
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', fail)
      response.on('end', () => {
        clearTimeout(timer)
        let text: string
        try {
          text = decodeBody(Buffer.concat(chunks), response.headers['content-encoding']).toString('utf8')
        } catch {
          text = ''
        }
        resolve({ status: response.statusCode ?? 0, text })
      })
    })
    // one deadline for the whole exchange: headers and body
    const timer = setTimeout(() => {
      timedOut = true
      request.destroy()
    }, upstream.timeoutMs)
    request.on('error', fail)
    request.end(payload)
  })
}

/**
 * GETs a URL under an upstream (or, with `send`, POSTs or PATCHes JSON to it, or DELETEs it) with its timeout; maps a timeout or a
 * connection failure to a DashboardError naming it.
 */
export async function requestUpstream(upstream: Upstream, url: URL, send?: UpstreamSend): Promise<UpstreamReply> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await requestOnce(upstream, url, send)
    } catch (error) {
      if (error instanceof UpstreamTimeout) {
        const what = error.answered ? 'did not finish answering' : 'did not answer'
        throw new DashboardError('upstream_timeout', `${upstream.name} ${what} within ${upstream.timeoutMs / 1000} s`, upstream.name)
      }
      // a kept-alive connection the upstream closed meanwhile: a GET is safe to send once more on a new one
      // (so are the RQL job POST, which at worst runs the query twice, a status PATCH, which sets the same status, a
      // custom query's POST, which reads only, and a saved query's DELETE; a saved query's POST may then be saved twice)
      const reused = (error as { reusedSocket?: boolean }).reusedSocket === true
      if (reused && attempt === 0 && (error as NodeJS.ErrnoException).code === 'ECONNRESET') continue
      throw new DashboardError('upstream_unreachable', `could not reach ${upstream.name}: ${upstream.unreachableHint}`, upstream.name)
    }
  }
}

function shortMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined
  const record = body as Record<string, unknown>
  const nested = record.error
  const message =
    typeof record.message === 'string'
      ? record.message
      : nested && typeof nested === 'object' && typeof (nested as Record<string, unknown>).message === 'string'
        ? ((nested as Record<string, unknown>).message as string)
        : undefined
  return message
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * The parsed JSON body of a 2xx answer (undefined when it is not JSON, which the caller's validation then reports);
 * any other status is an error naming the upstream.
 */
export function upstreamJsonBody(upstream: Upstream, reply: UpstreamReply): unknown {
  if (reply.status === 401 || reply.status === 403) {
    throw new DashboardError(
      'upstream_error',
      `${upstream.name} refused the dashboard's credentials (HTTP ${reply.status}); check the configured read token`,
      upstream.name,
    )
  }
  const body = parseJson(reply.text)
  if (reply.status < 200 || reply.status > 299) {
    // the upstream's own message only when it cannot carry a URL, header or token (src/server/safe-upstream-text.ts)
    throw new DashboardError('upstream_error', upstreamStatusMessage(upstream, reply.status, shortMessage(body)), upstream.name)
  }
  return body
}

/** The error for a response that does not have the shape the dashboard expects; says where, never the URL or token. */
export function badResponse(upstream: Upstream, rawWhere?: string): DashboardError {
  // a path into the response can hold the upstream's own keys (a record keyed by URL): shown only when safe
  const where = safeUpstreamDetail(upstream, rawWhere)
  return new DashboardError(
    'upstream_bad_response',
    `${upstream.name} sent a response the dashboard does not understand${where ? ` (at ${where})` : ''}`,
    upstream.name,
  )
}

/** GETs JSON from an upstream with a timeout and validates it; maps every failure to a DashboardError naming the upstream. */
export async function fetchUpstreamJson<T>(upstream: Upstream, url: URL, schema: z.ZodType<T>, options: FetchOptions = {}): Promise<T | null> {
  const reply = await requestUpstream(upstream, url)
  if (options.nullOn?.includes(reply.status)) return null
  const parsed = schema.safeParse(upstreamJsonBody(upstream, reply))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw badResponse(upstream, issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : undefined)
  }
  return parsed.data
}

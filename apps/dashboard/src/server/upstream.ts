import 'server-only'
import type { z } from 'zod'
import { DashboardError } from './errors'

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

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
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
  return message?.slice(0, 200)
}

/** GETs JSON from an upstream with a timeout and validates it; maps every failure to a DashboardError naming the upstream. */
export async function fetchUpstreamJson<T>(upstream: Upstream, url: URL, schema: z.ZodType<T>, options: FetchOptions = {}): Promise<T | null> {
  let response: Response
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...upstream.headers }, signal: AbortSignal.timeout(upstream.timeoutMs), cache: 'no-store', redirect: 'error' })
  } catch (error) {
    if (isTimeout(error)) throw new DashboardError('upstream_timeout', `${upstream.name} did not answer within ${upstream.timeoutMs / 1000} s`, upstream.name)
    throw new DashboardError('upstream_unreachable', `could not reach ${upstream.name}: ${upstream.unreachableHint}`, upstream.name)
  }
  let body: unknown
  try {
    body = await response.json()
  } catch (error) {
    if (isTimeout(error)) throw new DashboardError('upstream_timeout', `${upstream.name} did not finish answering within ${upstream.timeoutMs / 1000} s`, upstream.name)
    body = undefined
  }
  if (options.nullOn?.includes(response.status)) return null
  if (response.status === 401 || response.status === 403) {
    throw new DashboardError('upstream_error', `${upstream.name} refused the dashboard's credentials (HTTP ${response.status}); check the configured read token`, upstream.name)
  }
  if (!response.ok) {
    const detail = shortMessage(body)
    throw new DashboardError('upstream_error', `${upstream.name} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`, upstream.name)
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? ` (at ${issue.path.join('.') || 'top level'}: ${issue.message})` : ''
    throw new DashboardError('upstream_bad_response', `${upstream.name} sent a response the dashboard does not understand${where}`, upstream.name)
  }
  return parsed.data
}

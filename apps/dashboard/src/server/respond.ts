import 'server-only'
import { getEnv, secretValues, type DashboardEnv } from './env'
import { DashboardError } from './errors'

/** Every configured upstream base URL and its host (with and without port): never shown, even inside a message. */
function configuredLocations(env: DashboardEnv): string[] {
  const locations: string[] = []
  for (const url of [env.storeUrl, env.jaeger?.url, env.tempo?.url, env.rollbar.url]) {
    if (!url) continue
    locations.push(url)
    try {
      const parsed = new URL(url)
      locations.push(parsed.host, parsed.hostname)
    } catch {
      // a base URL that does not parse was refused when the environment was read
    }
  }
  // longest first, so a URL is replaced whole before its host is
  return [...new Set(locations)].filter((value) => value.length >= 3).sort((a, b) => b.length - a.length)
}

/**
 * The last line of defence before a message reaches the browser or the log: tokens become ***, any absolute URL and
 * any configured upstream address are removed (whatever produced the message: an upstream's echo, a parser's error).
 */
export function scrub(message: string): string {
  let result = message
  let env: DashboardEnv | undefined
  try {
    env = getEnv()
  } catch {
    // an invalid environment is reported by its own error
  }
  if (env) for (const secret of secretValues(env)) result = result.split(secret).join('***')
  result = result.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)\]}]*/gi, '(an address)')
  if (env) for (const location of configuredLocations(env)) result = result.split(location).join('(an address)')
  return result
}

export function errorResponse(code: string, message: string, status: number): Response {
  return Response.json({ error: { code, message: scrub(message) } }, { status, headers: { 'cache-control': 'no-store' } })
}

export function badRequest(reason: string): Response {
  return errorResponse('bad_request', reason, 400)
}

export function json(body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { headers: { 'cache-control': 'no-store', ...headers } })
}

/** Runs a route's work and maps every DashboardError to its status; anything else is a 500 without internals. */
export async function respond(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof DashboardError) {
      if (error.httpStatus >= 500) console.error(`[dashboard] ${error.code}: ${scrub(error.message)}`)
      return errorResponse(error.code, error.message, error.httpStatus)
    }
    if (error instanceof Error && error.name === 'EnvError') {
      console.error(`[dashboard] ${scrub(error.message)}`)
      return errorResponse('config', scrub(error.message), 500)
    }
    console.error(`[dashboard] unexpected ${error instanceof Error ? error.name : 'error'} while answering a request`)
    return errorResponse('internal', 'the dashboard failed to answer; see its log', 500)
  }
}

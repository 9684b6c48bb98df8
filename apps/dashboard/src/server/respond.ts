import 'server-only'
import { getEnv, secretValues } from './env'
import { DashboardError } from './errors'

function scrub(message: string): string {
  let result = message
  let secrets: string[] = []
  try {
    secrets = secretValues(getEnv())
  } catch {
    // an invalid environment is reported by its own error
  }
  for (const secret of secrets) result = result.split(secret).join('***')
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

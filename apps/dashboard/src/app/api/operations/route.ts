import { badRequest, json, respond } from '../../../server/respond'
import { getSources } from '../../../server/sources'

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const service = new URL(request.url).searchParams.get('service')?.trim()
    if (!service) return badRequest('service: required')
    if (service.length > 200) return badRequest('service: must be at most 200 characters')
    return json({ operations: await getSources().traces.operations(service) })
  })
}

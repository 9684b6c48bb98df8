import { json, respond } from '../../../server/respond'
import { getSources } from '../../../server/sources'

export async function GET(): Promise<Response> {
  return respond(async () => json({ services: await getSources().traces.services() }))
}

import { json, respond } from '../../../server/respond'
import { getSources } from '../../../server/sources'

/** Names of the configured sources (never their URLs or tokens), for the UI's empty states. */
export async function GET(): Promise<Response> {
  return respond(async () => json(getSources().describe))
}

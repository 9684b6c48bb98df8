import Link from 'next/link'
import { redirect } from 'next/navigation'
import { Empty } from '../../features/common/components/states'
import { LOOKUP_HELP } from '../../features/lookup/model/parse-lookup'
import { DashboardError } from '../../server/errors'
import { scrub } from '../../server/respond'
import { resolveLookup, type LookupOutcome } from '../../server/resolve-lookup'
import { getSources } from '../../server/sources'

export const metadata = { title: 'Look up · Spanlight' }

/** `/lookup?q=…`: goes where the pasted id leads, or says why it cannot. */
export default async function LookupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).q
  const query = typeof raw === 'string' ? raw : ''
  let outcome: LookupOutcome
  try {
    outcome = await resolveLookup(query, getSources().rollbar)
  } catch (error) {
    // messages of DashboardErrors name the source; scrub removes any URL or token an upstream's text might have carried
    outcome = { ok: false, code: 'not_found', message: error instanceof DashboardError ? scrub(error.message) : 'The lookup failed; see the dashboard log.' }
  }
  // outside the try: redirect() works by throwing
  if (outcome.ok) redirect(outcome.href)
  return (
    <Empty title={outcome.code === 'bad_request' ? 'That is not an id Spanlight can look up' : 'Not found'}>
      <p role="alert" data-testid="lookup-message">
        {outcome.message}
      </p>
      {outcome.code === 'bad_request' ? null : <p className="muted">{LOOKUP_HELP}</p>}
      <p>
        <Link href="/traces">Search traces</Link> · <Link href="/errors">Rollbar items</Link>
      </p>
    </Empty>
  )
}

import Link from 'next/link'
import { Empty } from '../../../features/common/components/states'
import { parseSessionId } from '../../../features/lookup/model/parse-lookup'
import { SessionClient } from './client'

export const metadata = { title: 'Session · Spanlight' }

export default async function SessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const raw = (await params).sessionId
  // Next hands the segment over still percent-encoded when it holds an encoded character
  let decoded = raw
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    // not valid percent-encoding: refused below
  }
  const sessionId = parseSessionId(decoded)
  if (!sessionId) {
    return (
      <Empty title="That is not a session id">
        <p>Session ids are 1–128 letters, digits or . _ : - (web-tracing sends 32 hexadecimal digits).</p>
        <p>
          <Link href="/traces">Search traces</Link>
        </p>
      </Empty>
    )
  }
  return <SessionClient sessionId={sessionId} />
}

import Link from 'next/link'
import { preload } from 'react-dom'
import { Empty } from '../../../features/common/components/states'
import { parseTraceId } from '../../../features/traces/model/trace-query'
import { traceOutlineUrl } from '../../../features/traces/queries'
import { prefetchTrace } from '../../../server/trace-route-helpers'
import { TraceClient } from './client'

export const metadata = { title: 'Trace · Spanlight' }

export default async function TracePage({ params, searchParams }: { params: Promise<{ traceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const traceId = parseTraceId((await params).traceId)
  if (!traceId.ok) {
    return (
      <Empty title="That is not a trace id">
        <p>A trace id is 32 hexadecimal digits, like 5b8efff798038103d269b633813fc60c.</p>
        <p>
          <Link href="/traces">Search traces</Link>
        </p>
      </Empty>
    )
  }
  // the server starts fetching the trace from its source now, while the HTML and the scripts travel; the browser
  // asks for the outline with the HTML (preload), not after the scripts have run, and the client's fetch reuses it
  prefetchTrace(traceId.value)
  preload(traceOutlineUrl(traceId.value), { as: 'fetch', crossOrigin: 'anonymous' })
  const span = (await searchParams).span
  const initialSpanId = typeof span === 'string' && /^[0-9a-f]{16}$/i.test(span) ? span.toLowerCase() : null
  return <TraceClient traceId={traceId.value} initialSpanId={initialSpanId} />
}

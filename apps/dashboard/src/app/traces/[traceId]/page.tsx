import Link from 'next/link'
import { notFound } from 'next/navigation'
import { preload } from 'react-dom'
import { Suspense, type ReactNode } from 'react'
import { Empty, Loading } from '../../../features/common/components/states'
import { parseTraceId } from '../../../features/traces/model/trace-query'
import { traceOutlineUrl } from '../../../features/traces/queries'
import { TracePreview } from '../../../features/waterfall/components/trace-preview'
import { prefetchedOutline, prefetchedTraceFound, prefetchTrace } from '../../../server/trace-route-helpers'
import { TraceClient } from './client'

export const metadata = { title: 'Trace · Spanlight' }

export default async function TracePage({
  params,
  searchParams,
}: {
  params: Promise<{ traceId: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const traceId = parseTraceId((await params).traceId)
  // a malformed id answers 400 (src/proxy.ts sets the status) with this explanation
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
  // an unknown trace answers 404 with ./not-found.tsx; the status is sent with the first byte, so this waits for the
  // source's answer (the outline, which the first rows below need anyway)
  if ((await prefetchedTraceFound(traceId.value)) === 'missing') notFound()
  preload(traceOutlineUrl(traceId.value), { as: 'fetch', crossOrigin: 'anonymous' })
  const span = (await searchParams).span
  const initialSpanId = typeof span === 'string' && /^[0-9a-f]{16}$/i.test(span) ? span.toLowerCase() : null
  const loading = <Loading what={`trace ${traceId.value}`} />
  // the first rows are streamed with the HTML as soon as the server has the outline, so they paint before the
  // scripts have loaded and hydrated; the client shows them until its own copy of the outline has arrived
  const preview = (
    <Suspense fallback={loading}>
      <FirstRows traceId={traceId.value} initialSpanId={initialSpanId} loading={loading} />
    </Suspense>
  )
  return <TraceClient traceId={traceId.value} initialSpanId={initialSpanId} preview={preview} />
}

/** The page's first rows, once the prefetched outline is there; when it is missing, the client says why. */
async function FirstRows({ traceId, initialSpanId, loading }: { traceId: string; initialSpanId: string | null; loading: ReactNode }) {
  const outline = await prefetchedOutline(traceId)
  return outline ? <TracePreview trace={outline} initialSpanId={initialSpanId} /> : loading
}

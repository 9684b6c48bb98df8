import { notFound } from 'next/navigation'
import { Empty } from '../../../features/common/components/states'
import { CompareForm } from '../../../features/traces/components/compare-forms'
import { parseCompareParams } from '../../../features/traces/model/compare-params'
import { prefetchedTraceFound, prefetchTrace } from '../../../server/trace-route-helpers'
import { CompareClient } from './client'

export const metadata = { title: 'Compare traces · Spanlight' }

/** `/traces/compare?a=<traceId>&b=<traceId>`: two traces merged into one tree (structure and timing). */
export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams
  const first = (name: string) => {
    const value = query[name]
    return (Array.isArray(value) ? value[0] : value) ?? null
  }
  const params = parseCompareParams({ get: first })
  if (params.kind === 'ok') {
    // a trace the source does not have answers 404 (./not-found.tsx renders this page again, and the client says
    // which trace is missing); the status goes out with the first byte, so this waits for both answers, which the
    // client's requests then take from the cache. A failing source renders the page (200), and the client says why.
    prefetchTrace(params.a)
    prefetchTrace(params.b)
    const found = await Promise.all([prefetchedTraceFound(params.a), prefetchedTraceFound(params.b)])
    if (found.includes('missing')) notFound()
  }
  return (
    <>
      <h1>Compare traces</h1>
      <CompareForm a={params.a} b={params.b} />
      {params.kind === 'empty' ? (
        <p className="muted">
          Give two trace ids: spans are matched by their path of service and span name from the root, and each shows its duration in both traces and the
          difference.
        </p>
      ) : params.kind === 'invalid' ? (
        // src/proxy.ts answers 400 for this page
        <Empty title="Those are not two trace ids">
          <ul data-testid="compare-problems">
            {params.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          <p>A trace id is 32 hexadecimal digits, like 5b8efff798038103d269b633813fc60c.</p>
        </Empty>
      ) : (
        <CompareClient a={params.a} b={params.b} />
      )}
    </>
  )
}

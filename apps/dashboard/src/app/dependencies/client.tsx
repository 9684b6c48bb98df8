'use client'
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { useRouter, useSearchParams } from 'next/navigation'
import { useState } from 'react'
import { Empty, ErrorState, Loading } from '../../features/common/components/states'
import { DependencyGraphView } from '../../features/dependencies/components/dependency-graph-view'
import { dependenciesQuery } from '../../features/dependencies/queries'

const RANGES = { '15m': 15 * 60_000, '1h': 60 * 60_000, '6h': 6 * 60 * 60_000, '24h': 24 * 60 * 60_000 } as const
type RangeKey = keyof typeof RANGES

function rangeKeyOf(value: string | null): RangeKey {
  return value !== null && value in RANGES ? (value as RangeKey) : '1h'
}

export function DependenciesClient() {
  const router = useRouter()
  const params = useSearchParams()
  const rangeKey = rangeKeyOf(params.get('range'))
  // the range ends when the page (or the range) was chosen, so a refetch asks the same question
  const [endMs, setEndMs] = useState(() => Date.now())
  const graph = useQuery(dependenciesQuery(endMs - RANGES[rangeKey], endMs))

  const choose = (key: RangeKey) => {
    setEndMs(Date.now())
    router.replace(`/dependencies?range=${key}`)
  }

  return (
    <>
      <h1>Service dependencies</h1>
      <div className="row" style={{ marginBottom: 12 }}>
        <label>
          Traces started in the last{' '}
          <select value={rangeKey} onChange={(event) => choose(rangeKeyOf(event.target.value))}>
            {Object.keys(RANGES).map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setEndMs(Date.now())}>
          Refresh
        </button>
      </div>
      {graph.isPending ? (
        <Loading what="service dependencies" />
      ) : graph.isError ? (
        <ErrorState error={graph.error} what="service dependencies" onRetry={() => void graph.refetch()} />
      ) : !graph.data.supported ? (
        <Empty title="No dependency graph from this source">
          <p>{graph.data.reason}</p>
        </Empty>
      ) : graph.data.dependencies.length === 0 ? (
        <Empty title="No calls between services in this range">
          <p>A call shows here once a span of one service has its parent span in another.</p>
        </Empty>
      ) : (
        <>
          {graph.data.truncated ? (
            <p className="muted" role="note">
              Drawn from the newest {graph.data.traceCount?.toLocaleString('en')} traces of the range; it held more.
            </p>
          ) : null}
          <section className="panel" aria-label="Graph">
            <DependencyGraphView dependencies={graph.data.dependencies} />
          </section>
          <section className="panel" aria-labelledby="dependency-table">
            <h2 id="dependency-table">Calls</h2>
            <div style={{ overflowX: 'auto' }}>
              <table className="data">
                <caption className="visually-hidden">Calls between services</caption>
                <thead>
                  <tr>
                    <th scope="col">Caller</th>
                    <th scope="col">Callee</th>
                    <th scope="col" className="num">
                      Calls
                    </th>
                    <th scope="col" className="num">
                      Failed
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {graph.data.dependencies.map((edge) => (
                    <tr key={`${edge.parent}\u0000${edge.child}`} data-edge={`${edge.parent}→${edge.child}`}>
                      <td>
                        <Link href={`/traces?service=${encodeURIComponent(edge.parent)}`}>{edge.parent}</Link>
                      </td>
                      <td>
                        <Link href={`/traces?service=${encodeURIComponent(edge.child)}`}>{edge.child}</Link>
                      </td>
                      <td className="num">{edge.callCount.toLocaleString('en')}</td>
                      <td className={`num${(edge.errorCount ?? 0) > 0 ? ' error-text' : ''}`}>{edge.errorCount ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  )
}

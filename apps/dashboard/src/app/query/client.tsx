'use client'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import dynamic from 'next/dynamic'
import { useRouter, useSearchParams } from 'next/navigation'
import { useMemo, useRef, useState } from 'react'
import { ApiError } from '../../features/common/api-client'
import { ErrorState, Loading } from '../../features/common/components/states'
import { useUtc } from '../../features/common/components/time-zone'
import { ExamplesList } from '../../features/query/components/examples-list'
import { QueryBuilder } from '../../features/query/components/query-builder'
import { QuerySourceNote } from '../../features/query/components/query-source-note'
import { ResultsTable } from '../../features/query/components/results-table'
import { SavedQueries } from '../../features/query/components/saved-queries'
import type { PointExamples } from '../../features/query/components/series-chart'
import type { QueryResult } from '../../features/query/model/query-result'
import type { QuerySpec } from '../../features/query/model/query-spec'
import { compactSpecJson, decodeQuery, queryHref } from '../../features/query/model/query-url'
import { pointExamplesSpec } from '../../features/query/model/point-examples'
import { absoluteSpec, runRange } from '../../features/query/model/run-spec'
import { queryCapabilitiesQuery, runQueryQuery } from '../../features/query/queries'

// ECharts is loaded by this page only, after its first paint
const QueryCharts = dynamic(() => import('../../features/query/components/query-charts'), { ssr: false, loading: () => <Loading what="the charts" /> })

/** Columns and values the results hold, for the builder's suggestions. */
function resultColumns(result: QueryResult | undefined): { columns: string[]; values: Map<string, Set<string>> } {
  const values = new Map<string, Set<string>>()
  for (const group of result?.groups ?? []) {
    for (const [column, value] of Object.entries(group)) {
      if (value === null) continue
      const seen = values.get(column) ?? new Set<string>()
      seen.add(String(value))
      values.set(column, seen)
    }
  }
  return { columns: [...values.keys()], values }
}

export function QueryClientPage() {
  const router = useRouter()
  const searchParams = useSearchParams()
  const urlKey = searchParams.toString()
  const { spec, dropped } = useMemo(() => decodeQuery(new URLSearchParams(urlKey)), [urlKey])
  const specKey = compactSpecJson(spec)
  const utc = useUtc()
  // a relative range ("last hour") is made absolute when the query runs; Run and Refresh make it again
  const [now, setNow] = useState(() => Date.now())
  const [lastSpecKey, setLastSpecKey] = useState(specKey)
  if (lastSpecKey !== specKey) {
    setLastSpecKey(specKey)
    // pinned during render when the URL changes (as the traces page does): an effect would first fetch with the old "now"
    // eslint-disable-next-line react-hooks/purity
    setNow(Date.now())
  }
  const runSpec = useMemo(() => absoluteSpec(spec, now), [spec, now])
  const capabilities = useQuery(queryCapabilitiesQuery())
  const canAggregate = capabilities.data?.aggregates !== false
  const query = useQuery({ ...runQueryQuery(runSpec), enabled: capabilities.isSuccess && canAggregate })
  const result = query.data
  const range = result ? runRange(result) : undefined
  const suggestions = useMemo(() => resultColumns(result), [result])
  const [examples, setExamples] = useState<PointExamples | null>(null)

  const onRun = (next: QuerySpec) => {
    setExamples(null)
    if (compactSpecJson(next) === specKey) setNow(Date.now())
    else router.push(queryHref(next))
  }
  const queryClient = useQueryClient()
  // only the latest click's answer is shown
  const latestPick = useRef(0)
  const showExamples = (picked: PointExamples) => {
    latestPick.current += 1
    if (picked.traceIds.length === 1) router.push(`/traces/${picked.traceIds[0]}`)
    else setExamples(picked)
  }
  const onExamples = (picked: PointExamples) => {
    if (picked.traceIds.length > 0 || !picked.lookup) return showExamples(picked)
    const lookupSpec = pointExamplesSpec(runSpec, picked.lookup)
    const group = picked.lookup.group
    if (!lookupSpec) {
      // OR-ed filters: the group's own examples, over the whole range
      const row = result?.data.results.find((candidate) => Object.entries(group).every(([column, value]) => candidate.data[column] === value))
      return showExamples({ title: `${picked.title} (the group's traces over the whole range)`, traceIds: row?.exampleTraceIds ?? [] })
    }
    const pick = ++latestPick.current
    setExamples({ title: picked.title, traceIds: [], state: 'loading' })
    queryClient
      .fetchQuery(runQueryQuery(lookupSpec))
      .then((answer) => {
        if (pick === latestPick.current) showExamples({ title: picked.title, traceIds: answer.data.results[0]?.exampleTraceIds ?? [] })
      })
      .catch(() => {
        if (pick === latestPick.current) setExamples({ title: picked.title, traceIds: [], state: 'failed' })
      })
  }

  const error = query.error
  const refused = error instanceof ApiError && error.status === 400
  const sourceCannot = error instanceof ApiError && error.status === 501
  const problem = refused ? (
    <p className="error-text break-anywhere" role="alert" data-testid="query-problem">
      The query was refused: {error.message}
    </p>
  ) : null

  return (
    <>
      <QuerySourceNote capabilities={capabilities.data} refusal={sourceCannot ? error.message : undefined} />
      {dropped.length > 0 ? (
        <p className="muted" role="status">
          Left out of the link&apos;s query, as it could not be read: {dropped.join(', ')}.
        </p>
      ) : null}
      <QueryBuilder key={specKey} initial={spec} onRun={onRun} columns={suggestions.columns} seenValues={suggestions.values} problem={problem} />
      <div className="row">
        <span className="muted" aria-live="polite">
          {result ? `${result.data.results.length} group${result.data.results.length === 1 ? '' : 's'}` : ''}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => setNow(Date.now())} disabled={!canAggregate}>
          Refresh
        </button>
      </div>
      {!canAggregate || sourceCannot || refused ? null : capabilities.isError ? (
        <ErrorState error={capabilities.error} what="the source's query support" onRetry={() => void capabilities.refetch()} />
      ) : query.isPending ? (
        <Loading what="the query results" />
      ) : query.isError ? (
        error instanceof ApiError && error.status === 422 ? (
          <div className="state error" role="alert">
            <h2>The query went over its budget</h2>
            <p>{error.message}</p>
          </div>
        ) : (
          <ErrorState error={error} what="the query" onRetry={() => void query.refetch()} />
        )
      ) : result && result.data.results.length === 0 ? (
        <div className="state">
          <h2>No span matches</h2>
          <p>Widen the time range or remove filters.</p>
        </div>
      ) : result ? (
        <>
          {examples ? <ExamplesList examples={examples} onClose={() => setExamples(null)} /> : null}
          {range ? (
            <QueryCharts
              key={`${specKey}@${now}`}
              result={result}
              range={range}
              runSpec={runSpec}
              utc={utc}
              canCompare={capabilities.data?.compare !== false}
              onExamples={onExamples}
            />
          ) : (
            <p className="muted">The answer did not say its time range, so nothing is drawn over time.</p>
          )}
          <h2>Totals</h2>
          <ResultsTable key={`${specKey}@${now}`} result={result} />
        </>
      ) : null}
      <SavedQueries spec={spec} />
    </>
  )
}

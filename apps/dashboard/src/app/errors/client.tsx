'use client'
import { useQuery } from '@tanstack/react-query'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { useMemo, useState, type FormEvent } from 'react'
import { Empty, ErrorState, Loading } from '../../features/common/components/states'
import { ItemsTable } from '../../features/errors/components/items-table'
import { errorFiltersToParams, parseErrorFilters, type ErrorFiltersState } from '../../features/errors/model/error-filters-state'
import { ROLLBAR_LEVELS, ROLLBAR_STATUSES, type RollbarLevel, type RollbarStatus } from '../../features/errors/model/rollbar-model'
import { itemsQuery } from '../../features/errors/queries'

export function ErrorsClient() {
  const router = useRouter()
  const pathname = usePathname()
  const urlKey = useSearchParams().toString()
  const filters = useMemo(() => parseErrorFilters(new URLSearchParams(urlKey)), [urlKey])
  const apiParams = errorFiltersToParams(filters).toString()
  const items = useQuery(itemsQuery(apiParams))
  const go = (next: ErrorFiltersState) => {
    const query = errorFiltersToParams(next).toString()
    router.push(query ? `${pathname}?${query}` : pathname)
  }
  const lastPage = items.data ? Math.max(1, Math.ceil(items.data.totalCount / items.data.pageSize)) : 1

  return (
    <>
      <ErrorFiltersForm key={urlKey} initial={filters} onApply={(next) => go({ ...next, page: 1 })} />
      {items.isPending ? (
        <Loading what="Rollbar items" />
      ) : items.isError ? (
        <ErrorState error={items.error} what="Rollbar items" onRetry={() => void items.refetch()} />
      ) : items.data.items.length === 0 ? (
        <Empty title="No Rollbar items match">
          <p>
            Remove filters, or report an error with the <code>rollbar</code> package pointed at the trace store&apos;s Rollbar API (
            <code>endpoint: …/api/1/</code>
            ). Put the active trace id in <code>custom.trace_id</code> to link items to traces.
          </p>
        </Empty>
      ) : (
        <>
          <p className="muted">
            {items.data.totalCount} item{items.data.totalCount === 1 ? '' : 's'} · page {filters.page} of {lastPage}
          </p>
          <ItemsTable items={items.data.items} caption="Rollbar items" />
          <nav className="row" aria-label="Pages" style={{ marginTop: 8 }}>
            <button type="button" disabled={filters.page <= 1} onClick={() => go({ ...filters, page: filters.page - 1 })}>
              Previous page
            </button>
            <button type="button" disabled={filters.page >= lastPage} onClick={() => go({ ...filters, page: filters.page + 1 })}>
              Next page
            </button>
          </nav>
        </>
      )}
    </>
  )
}

function ErrorFiltersForm({ initial, onApply }: { initial: ErrorFiltersState; onApply: (state: ErrorFiltersState) => void }) {
  const [draft, setDraft] = useState(initial)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onApply(draft)
  }
  const toggleLevel = (level: RollbarLevel, on: boolean) =>
    setDraft((current) => ({ ...current, levels: on ? [...current.levels, level] : current.levels.filter((item) => item !== level) }))
  return (
    <form className="filters" onSubmit={submit} aria-label="Filter Rollbar items">
      <label>
        Status
        <select value={draft.status} onChange={(event) => setDraft({ ...draft, status: event.target.value as RollbarStatus | '' })}>
          <option value="">Any status</option>
          {ROLLBAR_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="row" style={{ border: 'none', padding: 0, margin: 0 }}>
        <legend className="visually-hidden">Levels</legend>
        {ROLLBAR_LEVELS.map((level) => (
          <label key={level} className="inline">
            <input type="checkbox" checked={draft.levels.includes(level)} onChange={(event) => toggleLevel(level, event.target.checked)} />
            {level}
          </label>
        ))}
      </fieldset>
      <label>
        Environment
        <input value={draft.environment} onChange={(event) => setDraft({ ...draft, environment: event.target.value })} placeholder="any" />
      </label>
      <label>
        Title contains
        <input value={draft.q} onChange={(event) => setDraft({ ...draft, q: event.target.value })} placeholder="TypeError" />
      </label>
      <button type="submit" className="primary">
        Apply
      </button>
    </form>
  )
}

'use client'
import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { localInputToMs, msToLocalInput, TIME_RANGES, type SearchState, type TimeRange } from '../model/search-state'
import { operationsQuery, servicesQuery } from '../queries'

const RANGE_LABELS: Record<TimeRange, string> = { '15m': 'Last 15 minutes', '1h': 'Last hour', '24h': 'Last 24 hours', custom: 'Custom range' }

/** The search form; its draft is applied to the URL on submit. */
export function TraceSearchForm({ initial, onSearch }: { initial: SearchState; onSearch: (state: SearchState) => void }) {
  const [draft, setDraft] = useState<SearchState>(initial)
  const services = useQuery(servicesQuery())
  const operations = useQuery(operationsQuery(draft.service))
  const update = (patch: Partial<SearchState>) => setDraft((current) => ({ ...current, ...patch }))
  const attributeRows = draft.attributes.length === 0 ? [''] : draft.attributes

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSearch({ ...draft, attributes: draft.attributes.filter((pair) => pair.includes('=')) })
  }

  return (
    <form className="filters" onSubmit={submit} aria-label="Search traces">
      <label>
        Service
        <select value={draft.service} onChange={(event) => update({ service: event.target.value, name: '' })}>
          <option value="">All services</option>
          {(services.data?.services ?? []).map((service) => (
            <option key={service} value={service}>
              {service}
            </option>
          ))}
          {draft.service && !services.data?.services.includes(draft.service) ? <option value={draft.service}>{draft.service}</option> : null}
        </select>
      </label>
      <label>
        Span name
        <input list="span-names" value={draft.name} onChange={(event) => update({ name: event.target.value })} placeholder="any" />
        <datalist id="span-names">
          {(operations.data?.operations ?? []).map((operation) => (
            <option key={`${operation.name}/${operation.spanKind}`} value={operation.name} />
          ))}
        </datalist>
      </label>
      <label>
        Min duration (ms)
        <input type="number" min={0} step="any" value={draft.minDurationMs} onChange={(event) => update({ minDurationMs: event.target.value })} />
      </label>
      <label>
        Max duration (ms)
        <input type="number" min={0} step="any" value={draft.maxDurationMs} onChange={(event) => update({ maxDurationMs: event.target.value })} />
      </label>
      <fieldset className="row" style={{ border: 'none', padding: 0, margin: 0 }}>
        <legend className="visually-hidden">Attributes</legend>
        {attributeRows.map((pair, index) => (
          <label key={index}>
            Attribute (key=value)
            <input
              value={pair}
              placeholder="http.route=/api/orders"
              onChange={(event) => {
                const next = [...attributeRows]
                next[index] = event.target.value
                update({ attributes: next })
              }}
            />
          </label>
        ))}
        <button type="button" onClick={() => update({ attributes: [...attributeRows, ''] })} disabled={attributeRows.length >= 10}>
          + attribute
        </button>
      </fieldset>
      <label>
        Time range
        <select value={draft.range} onChange={(event) => update({ range: event.target.value as TimeRange })}>
          {TIME_RANGES.map((range) => (
            <option key={range} value={range}>
              {RANGE_LABELS[range]}
            </option>
          ))}
        </select>
      </label>
      {draft.range === 'custom' ? (
        <>
          <label>
            From
            <input type="datetime-local" value={msToLocalInput(draft.from)} onChange={(event) => update({ from: localInputToMs(event.target.value) })} />
          </label>
          <label>
            To
            <input type="datetime-local" value={msToLocalInput(draft.to)} onChange={(event) => update({ to: localInputToMs(event.target.value) })} />
          </label>
        </>
      ) : null}
      <label className="inline">
        <input type="checkbox" checked={draft.errorsOnly} onChange={(event) => update({ errorsOnly: event.target.checked })} />
        Errors only
      </label>
      <button type="submit" className="primary">
        Search
      </button>
    </form>
  )
}

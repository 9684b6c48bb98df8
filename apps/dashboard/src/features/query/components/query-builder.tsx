'use client'
import { useQuery } from '@tanstack/react-query'
import { useId, useState, type FormEvent, type ReactNode } from 'react'
import { localInputToMs, msToLocalInput } from '../../traces/model/search-state'
import { operationsQuery, servicesQuery } from '../../traces/queries'
import { draftToSpec, orderTargets, RELATIVE_RANGES, specToDraft, type QueryDraft } from '../model/query-draft'
import { BUILT_IN_COLUMNS, CALCULATION_OPS, FILTER_OPS, HAVING_OPS, type QuerySpec } from '../model/query-spec'
import styles from './query.module.css'

const GRANULARITIES: { sec: number; label: string }[] = [
  { sec: 10, label: '10 s' },
  { sec: 30, label: '30 s' },
  { sec: 60, label: '1 min' },
  { sec: 300, label: '5 min' },
  { sec: 900, label: '15 min' },
  { sec: 3600, label: '1 h' },
]
const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']

function Clause({ title, children, onAdd, addLabel }: { title: string; children: ReactNode; onAdd?: () => void; addLabel?: string }) {
  return (
    <fieldset className={styles.clause}>
      <legend>{title}</legend>
      <div className={styles.clauseRows}>
        {children}
        {onAdd ? (
          <button type="button" onClick={onAdd} aria-label={addLabel}>
            +
          </button>
        ) : null}
      </div>
    </fieldset>
  )
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className={styles.removeButton} onClick={onClick} aria-label={label} title={label}>
      ×
    </button>
  )
}

/** Values worth suggesting for a filter's column, from what the dashboard already knows. */
function valueSuggestions(column: string, services: string[], operations: string[], seen: Map<string, Set<string>>): string[] {
  const fromResults = [...(seen.get(column) ?? [])]
  if (column === 'service.name') return [...new Set([...services, ...fromResults])]
  if (column === 'name') return [...new Set([...operations, ...fromResults])]
  if (column === 'span.kind') return SPAN_KINDS
  if (column === 'error') return ['true', 'false']
  if (column === 'status_code') return ['0', '1', '2']
  return fromResults
}

/**
 * VISUALIZE, WHERE, GROUP BY, ORDER BY, HAVING, LIMIT, the time range and granularity. Edits stay in the form until
 * Run, which puts the spec in the URL. Column fields suggest the built-in fields and the columns seen in results.
 */
export function QueryBuilder({
  initial,
  onRun,
  columns,
  seenValues,
  problem,
}: {
  initial: QuerySpec
  onRun: (spec: QuerySpec) => void
  /** columns seen in the results so far, suggested with the built-in ones */
  columns: string[]
  /** values seen per column in the results, suggested in WHERE */
  seenValues: Map<string, Set<string>>
  /** the server's 400 for the spec as run, shown next to the builder */
  problem: ReactNode
}) {
  const [draft, setDraft] = useState<QueryDraft>(() => specToDraft(initial))
  const id = useId()
  const update = (patch: Partial<QueryDraft>) => setDraft((current) => ({ ...current, ...patch }))
  const services = useQuery(servicesQuery())
  const serviceFilter = draft.filters.find((filter) => filter.column === 'service.name' && filter.op === '=')?.value.replace(/^"|"$/g, '') ?? ''
  const operations = useQuery(operationsQuery(serviceFilter))
  const columnOptions = [...new Set([...BUILT_IN_COLUMNS, ...columns])]
  const targets = orderTargets(draft)
  const calculationTargets = targets.filter((target) => target.key.startsWith('calc:'))

  const setRow = <K extends 'calculations' | 'filters' | 'orders' | 'havings'>(key: K, index: number, patch: Partial<QueryDraft[K][number]>) =>
    setDraft((current) => ({ ...current, [key]: current[key].map((row, at) => (at === index ? { ...row, ...patch } : row)) }))
  const removeRow = (key: 'calculations' | 'filters' | 'orders' | 'havings' | 'breakdowns', index: number) =>
    setDraft((current) => ({ ...current, [key]: current[key].filter((_, at) => at !== index) }))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onRun(draftToSpec(draft))
  }

  return (
    <form className={styles.builder} onSubmit={submit} aria-label="Query builder" data-testid="query-builder">
      <datalist id={`${id}-columns`}>
        {columnOptions.map((column) => (
          <option key={column} value={column} />
        ))}
      </datalist>

      <Clause title="VISUALIZE" onAdd={() => update({ calculations: [...draft.calculations, { op: 'COUNT', column: '' }] })} addLabel="Add a calculation">
        {draft.calculations.map((calculation, index) => (
          <div key={index} className={styles.clauseRow}>
            <select
              aria-label={`Calculation ${index + 1}`}
              value={calculation.op}
              onChange={(event) => setRow('calculations', index, { op: event.target.value })}
            >
              {CALCULATION_OPS.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
            {calculation.op === 'COUNT' ? null : (
              <input
                aria-label={`Column of calculation ${index + 1}`}
                list={`${id}-columns`}
                value={calculation.column}
                placeholder="duration_ms"
                onChange={(event) => setRow('calculations', index, { column: event.target.value })}
              />
            )}
            {draft.calculations.length > 1 ? <RemoveButton label={`Remove calculation ${index + 1}`} onClick={() => removeRow('calculations', index)} /> : null}
          </div>
        ))}
      </Clause>

      <Clause title="WHERE" onAdd={() => update({ filters: [...draft.filters, { column: '', op: '=', value: '' }] })} addLabel="Add a filter">
        {draft.filters.length > 1 ? (
          <select
            aria-label="Combine filters with"
            value={draft.filterCombination}
            onChange={(event) => update({ filterCombination: event.target.value === 'OR' ? 'OR' : 'AND' })}
          >
            <option value="AND">all of (AND)</option>
            <option value="OR">any of (OR)</option>
          </select>
        ) : null}
        {draft.filters.map((filter, index) => {
          const suggestions = valueSuggestions(
            filter.column,
            services.data?.services ?? [],
            (operations.data?.operations ?? []).map((operation) => operation.name),
            seenValues,
          )
          const noValue = filter.op === 'exists' || filter.op === 'does-not-exist'
          return (
            <div key={index} className={styles.clauseRow}>
              <input
                aria-label={`Field of filter ${index + 1}`}
                list={`${id}-columns`}
                value={filter.column}
                placeholder="field"
                onChange={(event) => setRow('filters', index, { column: event.target.value })}
              />
              <select
                aria-label={`Operator of filter ${index + 1}`}
                value={filter.op}
                onChange={(event) => setRow('filters', index, { op: event.target.value })}
              >
                {FILTER_OPS.map((op) => (
                  <option key={op} value={op}>
                    {op}
                  </option>
                ))}
              </select>
              {noValue ? null : (
                <>
                  <input
                    aria-label={`Value of filter ${index + 1}`}
                    list={suggestions.length > 0 ? `${id}-values-${index}` : undefined}
                    value={filter.value}
                    placeholder={filter.op === 'in' || filter.op === 'not-in' ? 'a, b, "c, d"' : 'value'}
                    onChange={(event) => setRow('filters', index, { value: event.target.value })}
                  />
                  {suggestions.length > 0 ? (
                    <datalist id={`${id}-values-${index}`}>
                      {suggestions.slice(0, 200).map((value) => (
                        <option key={value} value={value} />
                      ))}
                    </datalist>
                  ) : null}
                </>
              )}
              <RemoveButton label={`Remove filter ${index + 1}`} onClick={() => removeRow('filters', index)} />
            </div>
          )
        })}
      </Clause>

      <Clause title="GROUP BY" onAdd={() => update({ breakdowns: [...draft.breakdowns, ''] })} addLabel="Add a group by field">
        {draft.breakdowns.map((column, index) => (
          <div key={index} className={styles.clauseRow}>
            <input
              aria-label={`Group by field ${index + 1}`}
              list={`${id}-columns`}
              value={column}
              placeholder="service.name"
              onChange={(event) => update({ breakdowns: draft.breakdowns.map((other, at) => (at === index ? event.target.value : other)) })}
            />
            <RemoveButton label={`Remove group by field ${index + 1}`} onClick={() => removeRow('breakdowns', index)} />
          </div>
        ))}
      </Clause>

      <Clause title="ORDER BY" onAdd={() => update({ orders: [...draft.orders, { by: targets[0]?.key ?? '', order: 'descending' }] })} addLabel="Add an order">
        {draft.orders.map((order, index) => (
          <div key={index} className={styles.clauseRow}>
            <select aria-label={`Order ${index + 1} by`} value={order.by} onChange={(event) => setRow('orders', index, { by: event.target.value })}>
              {targets.some((target) => target.key === order.by) ? null : (
                <option value={order.by}>{order.by.replace(/^(calc|col):/, '') || '(choose)'}</option>
              )}
              {targets.map((target) => (
                <option key={target.key} value={target.key}>
                  {target.label}
                </option>
              ))}
            </select>
            <select
              aria-label={`Direction of order ${index + 1}`}
              value={order.order}
              onChange={(event) => setRow('orders', index, { order: event.target.value === 'ascending' ? 'ascending' : 'descending' })}
            >
              <option value="descending">descending</option>
              <option value="ascending">ascending</option>
            </select>
            <RemoveButton label={`Remove order ${index + 1}`} onClick={() => removeRow('orders', index)} />
          </div>
        ))}
      </Clause>

      <Clause
        title="HAVING"
        onAdd={() => update({ havings: [...draft.havings, { calculation: calculationTargets[0]?.label ?? 'COUNT', op: '>', value: '' }] })}
        addLabel="Add a having condition"
      >
        {draft.havings.map((having, index) => (
          <div key={index} className={styles.clauseRow}>
            <select
              aria-label={`Calculation of having ${index + 1}`}
              value={having.calculation}
              onChange={(event) => setRow('havings', index, { calculation: event.target.value })}
            >
              {calculationTargets.some((target) => target.label === having.calculation) ? null : (
                <option value={having.calculation}>{having.calculation}</option>
              )}
              {calculationTargets.map((target) => (
                <option key={target.key} value={target.label}>
                  {target.label}
                </option>
              ))}
            </select>
            <select aria-label={`Operator of having ${index + 1}`} value={having.op} onChange={(event) => setRow('havings', index, { op: event.target.value })}>
              {HAVING_OPS.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
            <input
              aria-label={`Value of having ${index + 1}`}
              className={styles.short}
              inputMode="decimal"
              value={having.value}
              onChange={(event) => setRow('havings', index, { value: event.target.value })}
            />
            <RemoveButton label={`Remove having ${index + 1}`} onClick={() => removeRow('havings', index)} />
          </div>
        ))}
      </Clause>

      <Clause title="LIMIT · TIME">
        <label className={styles.clauseRow}>
          Limit
          <input
            aria-label="Limit"
            className={styles.short}
            inputMode="numeric"
            value={draft.limit}
            placeholder="100"
            onChange={(event) => update({ limit: event.target.value })}
          />
        </label>
        <label className={styles.clauseRow}>
          Time
          <select
            aria-label="Time range"
            value={draft.rangeSec === null ? 'custom' : String(draft.rangeSec)}
            onChange={(event) => {
              if (event.target.value !== 'custom') return update({ rangeSec: Number(event.target.value) })
              const endSec = Math.floor(Date.now() / 1000)
              update({ rangeSec: null, startSec: draft.startSec || String(endSec - (draft.rangeSec ?? 3600)), endSec: draft.endSec || String(endSec) })
            }}
          >
            {RELATIVE_RANGES.map((range) => (
              <option key={range.sec} value={range.sec}>
                {range.label}
              </option>
            ))}
            {draft.rangeSec !== null && !RELATIVE_RANGES.some((range) => range.sec === draft.rangeSec) ? (
              <option value={draft.rangeSec}>Last {Math.round(draft.rangeSec / 60)} minutes</option>
            ) : null}
            <option value="custom">Custom range</option>
          </select>
        </label>
        {draft.rangeSec === null ? (
          <>
            <label className={styles.clauseRow}>
              From
              <input
                type="datetime-local"
                aria-label="From"
                value={msToLocalInput(draft.startSec ? String(Number(draft.startSec) * 1000) : '')}
                onChange={(event) => update({ startSec: secondsText(localInputToMs(event.target.value)) })}
              />
            </label>
            <label className={styles.clauseRow}>
              To
              <input
                type="datetime-local"
                aria-label="To"
                value={msToLocalInput(draft.endSec ? String(Number(draft.endSec) * 1000) : '')}
                onChange={(event) => update({ endSec: secondsText(localInputToMs(event.target.value)) })}
              />
            </label>
          </>
        ) : null}
        <label className={styles.clauseRow}>
          Granularity
          <select aria-label="Granularity" value={draft.granularitySec} onChange={(event) => update({ granularitySec: event.target.value })}>
            <option value="">auto</option>
            {GRANULARITIES.map((granularity) => (
              <option key={granularity.sec} value={granularity.sec}>
                {granularity.label}
              </option>
            ))}
            {draft.granularitySec && !GRANULARITIES.some((granularity) => String(granularity.sec) === draft.granularitySec) ? (
              <option value={draft.granularitySec}>{draft.granularitySec} s</option>
            ) : null}
          </select>
        </label>
      </Clause>

      <div className="row">
        <button type="submit" className="primary">
          Run query
        </button>
        {problem}
      </div>
    </form>
  )
}

const secondsText = (msText: string) => (msText === '' ? '' : String(Math.floor(Number(msText) / 1000)))

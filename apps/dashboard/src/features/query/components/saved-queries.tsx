'use client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import { ApiError } from '../../common/api-client'
import { RelativeTime } from '../../common/components/time-zone'
import type { QuerySpec } from '../model/query-spec'
import { queryHref } from '../model/query-url'
import { deleteSavedQuery, savedQueriesQuery, saveQuery } from '../queries'

const problemText = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Save the query on the page under a name; the saved ones, each a link that opens it, and a delete button. */
export function SavedQueries({ spec }: { spec: QuerySpec }) {
  const client = useQueryClient()
  const saved = useQuery(savedQueriesQuery())
  const [name, setName] = useState('')
  const save = useMutation({
    mutationFn: () => saveQuery(name.trim(), spec),
    onSuccess: () => {
      setName('')
      return client.invalidateQueries({ queryKey: savedQueriesQuery().queryKey })
    },
  })
  const remove = useMutation({
    mutationFn: deleteSavedQuery,
    onSuccess: () => client.invalidateQueries({ queryKey: savedQueriesQuery().queryKey }),
  })
  const unavailable = saved.error instanceof ApiError && (saved.error.status === 404 || saved.error.status === 501)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (name.trim() !== '') save.mutate()
  }

  return (
    <section className="panel" aria-labelledby="saved-queries" data-testid="saved-queries">
      <h2 id="saved-queries">Saved queries</h2>
      {unavailable ? (
        <p className="muted">Saved queries are not available from this dashboard&apos;s source.</p>
      ) : (
        <>
          <form className="row" onSubmit={submit} aria-label="Save this query">
            <label className="row">
              Name
              <input value={name} onChange={(event) => setName(event.target.value)} maxLength={200} placeholder="Slow checkouts" />
            </label>
            <button type="submit" disabled={name.trim() === '' || save.isPending}>
              Save this query
            </button>
            {save.isError ? (
              <span className="error-text" role="alert">
                Not saved: {problemText(save.error)}
              </span>
            ) : null}
          </form>
          {saved.isPending ? (
            <p className="muted">Loading saved queries…</p>
          ) : saved.isError ? (
            <p className="error-text" role="alert">
              Saved queries could not be loaded: {problemText(saved.error)}
            </p>
          ) : saved.data.savedQueries.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ul>
              {saved.data.savedQueries.map((query) => (
                <li key={query.id} className="row">
                  <Link href={queryHref(query.query)} className="break-anywhere">
                    {query.name}
                  </Link>
                  <span className="muted">
                    saved <RelativeTime ms={query.createdAtMs} />
                  </span>
                  <button type="button" onClick={() => remove.mutate(query.id)} disabled={remove.isPending} aria-label={`Delete saved query ${query.name}`}>
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          )}
          {remove.isError ? (
            <p className="error-text" role="alert">
              Not deleted: {problemText(remove.error)}
            </p>
          ) : null}
        </>
      )}
    </section>
  )
}

import { useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { searchQuery } from '../../api/queries.js'
import { ActivityList, QueryState } from '../../components/activity-list.js'

export function SearchPage() {
  const [draft, setDraft] = useState('')
  const [term, setTerm] = useState('')
  const results = useQuery(searchQuery(term))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTerm(draft.trim())
  }
  return (
    <section aria-labelledby="search-heading">
      <h2 id="search-heading">Search</h2>
      {/* a form has no text of its own: without a name its interaction span would be `submit form`. The term is
          never part of a name (the package does not read what is typed); it is only in the request's URL */}
      <form onSubmit={submit} role="search" data-spanlight-name="search">
        <label>
          Term <input value={draft} onChange={(event) => setDraft(event.target.value)} name="term" />
        </label>
        <button type="submit">Search</button>
      </form>
      {term && <QueryState isPending={results.isPending} error={results.error} />}
      {results.data && <ActivityList activities={results.data.activities} />}
    </section>
  )
}

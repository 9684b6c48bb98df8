import type { QueryCapabilities } from '../queries'

/** What the configured source cannot answer: Jaeger no aggregate query at all, Tempo some clauses. */
export function QuerySourceNote({ capabilities, refusal }: { capabilities: QueryCapabilities | undefined; refusal?: string }) {
  if (!capabilities && !refusal) return null
  if (capabilities?.aggregates === false || refusal) {
    const name = capabilities?.sourceName ?? 'The trace source'
    return (
      <div className="state" role="status" data-testid="query-source-note">
        <h2>{/jaeger/i.test(name) ? 'Jaeger has no aggregate query API' : `${name} cannot answer this query`}</h2>
        <p>
          {/jaeger/i.test(name)
            ? 'Jaeger can find traces and show one, but it cannot count, group or compute percentiles over spans, so this page has nothing to ask it. Use the embedded trace store (or Tempo) as the trace source to query.'
            : (capabilities?.message ?? refusal)}
        </p>
      </div>
    )
  }
  if (capabilities && (capabilities.unsupported.length > 0 || capabilities.appliedByDashboard.length > 0)) {
    return (
      <div className="muted" data-testid="query-source-note">
        {capabilities.unsupported.length > 0 ? (
          <p>{capabilities.sourceName} cannot answer these clauses (a query that uses one is refused, naming it):</p>
        ) : null}
        <ul>
          {capabilities.unsupported.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
        {capabilities.appliedByDashboard.length > 0 ? (
          <p>
            Applied by the dashboard over {capabilities.sourceName}&apos;s answer: {capabilities.appliedByDashboard.join('; ')}.
          </p>
        ) : null}
      </div>
    )
  }
  return null
}

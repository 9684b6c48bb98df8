import 'server-only'
import { DashboardError } from '../errors'
import type { CompareResult, QueryCapabilities, QueryResult, QuerySource } from './query-source'

// Jaeger has no aggregate query API: its query service finds traces and returns them whole, and counting, grouping or
// percentiles over spans would mean fetching every span of the range into the dashboard. Custom queries therefore
// answer 501 Not Implemented (the server does not support the function; nothing about the request is wrong, which a
// 400 would say) with a message that says which sources do answer them.

export class NoQuerySource implements QuerySource {
  readonly capabilities: QueryCapabilities
  private readonly message: string
  constructor(sourceName: string) {
    this.message = `${sourceName} has no aggregate query API, so it cannot answer custom queries; use the trace store or Tempo as the trace source (SPANLIGHT_TRACE_SOURCE)`
    this.capabilities = {
      source: 'jaeger',
      sourceName,
      aggregates: false,
      compare: false,
      savedQueries: true,
      message: this.message,
      unsupported: [{ clause: 'custom queries', message: this.message }],
      appliedByDashboard: [],
    }
  }

  run(): Promise<QueryResult> {
    return Promise.reject(new DashboardError('not_implemented', this.message, this.capabilities.sourceName))
  }

  compare(): Promise<CompareResult> {
    return Promise.reject(new DashboardError('not_implemented', this.message, this.capabilities.sourceName))
  }
}

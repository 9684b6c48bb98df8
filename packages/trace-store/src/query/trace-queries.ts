import type { SqliteDatabase } from '../store/open-database.js'
import { TraceReader } from './read-trace.js'
import { ServiceDependencies, type DependenciesView } from './service-dependencies.js'
import { TraceSearcher, type OperationView, type SearchPage } from './search-traces.js'
import type { TraceSearch } from './trace-search.js'

export type { DependenciesView, OperationView, SearchPage }

/** Read side of the store: search planning (search-traces.ts) and trace reading (read-trace.ts) over one database. */
export class TraceQueries {
  private readonly searcher: TraceSearcher
  private readonly reader: TraceReader
  private readonly serviceDependencies: ServiceDependencies

  constructor(db: SqliteDatabase) {
    this.searcher = new TraceSearcher(db)
    this.reader = new TraceReader(db)
    this.serviceDependencies = new ServiceDependencies(db)
  }

  /** Calls between services in the traces that started in the range (see service-dependencies.ts). */
  dependencies(startFromMs: number, startToMs: number): DependenciesView {
    return this.serviceDependencies.between(startFromMs, startToMs)
  }

  services(): string[] {
    return this.searcher.services()
  }

  operations(service: string): OperationView[] {
    return this.searcher.operations(service)
  }

  search(search: TraceSearch): SearchPage {
    return this.searcher.search(search)
  }

  /** One trace as the query API's JSON text; null when unknown. */
  traceJson(traceId: string): string | null {
    return this.reader.traceJson(traceId)
  }

  /** One span with its resource and scope as JSON text; null when the trace does not have it. */
  spanJson(traceId: string, spanId: string): string | null {
    return this.reader.spanJson(traceId, spanId)
  }

  /** The trace's outline as JSON text; null when unknown. */
  traceOutlineJson(traceId: string): string | null {
    return this.reader.traceOutlineJson(traceId)
  }
}

import 'server-only'
import type { Attribute, Operation, SpanModel, TraceModel, TraceSearchPage } from '../features/traces/model/trace-model'
import type { TraceQuery } from '../features/traces/model/trace-query'
import type { DependencyGraph } from '../features/dependencies/model/dependency-graph'
import type { LoadedTrace } from './loaded-trace'

/** What the dashboard needs from a trace backend; one implementation per source, chosen by environment. */
export interface TraceSource {
  /** human name for messages, e.g. "the trace store", "Jaeger" */
  readonly name: string
  services(): Promise<string[]>
  operations(service: string): Promise<Operation[]>
  search(query: TraceQuery): Promise<TraceSearchPage>
  /** null when the trace does not exist */
  trace(traceId: string): Promise<TraceModel | null>
  /** the trace's outline first, its whole model on demand; sources without it are loaded through `trace` */
  load?(traceId: string): Promise<LoadedTrace | null>
  /** one span in full with its resource's attributes, without the whole trace; null when the trace does not have it */
  span?(traceId: string, spanId: string): Promise<{ span: SpanModel; resource: Attribute[] } | null>
  /** calls between services in the traces that started in a range; sources without a dependency graph leave it out */
  dependencies?(range: { startFromMs: number; startToMs: number }): Promise<DependencyGraph>
  /** the trace as an OTLP JSON document (hex ids, integer enums); null when it does not exist */
  otlp(traceId: string): Promise<unknown | null>
}

// `@spanlight/trace-store/helpers`: the small pure helpers the dashboard shares with the store, so that each exists
// once. Nothing here imports Node built-ins or has side effects: a browser bundle may import this entry (the main
// entry starts servers and opens SQLite, and is for `import type` only there).
export { describeZodError } from './http/describe-zod-error.js'
export { nanoDiffMs } from './ingest/nano-time.js'
// The store's reading of a Honeycomb Query Specification, so a source that does not parse specs itself (the
// dashboard's Tempo translation) gives a spec the same answer about its shape as the store does.
export type { QueryFilter } from './query/custom/parse-filter.js'
export type { QueryColumn } from './query/custom/query-columns.js'
export { QuerySpecError } from './query/custom/query-spec-error.js'
export { parseQuerySpec, type QuerySpec } from './query/custom/query-spec.js'
export { specToJson } from './query/custom/spec-to-json.js'
// What the query routes answer, and the names a query builder offers, as the store defines them.
export type { CompareField, CompareResult, CompareValue } from './query/custom/compare-query.js'
export { INTRINSIC_COLUMNS } from './query/custom/query-columns.js'
export { CALCULATION_OPS, FILTER_OPS, HAVING_OPS } from './query/custom/query-ops.js'
export type { HeatmapCell, HeatmapResult, QueryResult, QueryResultRow, SeriesPoint } from './query/custom/run-query.js'

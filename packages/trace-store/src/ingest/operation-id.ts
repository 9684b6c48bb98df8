import { contentId } from './content-id.js'

// Spans of one service repeat a handful of names: most lookups hit, and the cache stays small.
const MAX_CACHED_IDS = 10_000
const idByKey = new Map<string, number>()

/**
 * The `operations` row id of a service's span name and kind, derived from
 * them like resource and scope ids (content-id.ts), so each span's index
 * entry can name its operation without the database, and retention can
 * count the spans left for each operation.
 */
export function operationId(serviceName: string, spanName: string, kind: number): number {
  const key = `${serviceName}\u0000${spanName}\u0000${kind}`
  let id = idByKey.get(key)
  if (id === undefined) {
    id = contentId(key)
    if (idByKey.size >= MAX_CACHED_IDS) idByKey.clear()
    idByKey.set(key, id)
  }
  return id
}

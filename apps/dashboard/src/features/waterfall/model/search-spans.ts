import { attributeText, type SpanModel } from '../../traces/model/trace-model'
import type { OutlineSpan } from '../../traces/model/trace-outline'

/** Outline spans search by name, service and id; once the whole trace is loaded, attributes and events too. */
export type SearchableSpan = Pick<OutlineSpan, 'spanId' | 'name' | 'serviceName'> & Partial<Pick<SpanModel, 'attributes' | 'events'>>

/** Indices of spans matching a search within the trace: name, service, span id, attribute key or value, event name (case-insensitive). */
export function searchSpans(spans: readonly SearchableSpan[], query: string): Set<number> {
  const needle = query.trim().toLowerCase()
  const matches = new Set<number>()
  if (!needle) return matches
  spans.forEach((span, index) => {
    if (
      span.name.toLowerCase().includes(needle) ||
      span.serviceName.toLowerCase().includes(needle) ||
      span.spanId === needle ||
      (span.attributes ?? []).some(
        (attribute) => attribute.key.toLowerCase().includes(needle) || attributeText(attribute.value).toLowerCase().includes(needle),
      ) ||
      (span.events ?? []).some((event) => event.name.toLowerCase().includes(needle))
    ) {
      matches.add(index)
    }
  })
  return matches
}

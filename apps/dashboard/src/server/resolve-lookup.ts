import 'server-only'
import { parseLookup } from '../features/lookup/model/parse-lookup'
import type { RollbarSource } from './rollbar-source'

// The header's lookup box: where a pasted id leads. Trace ids need no upstream; a uuid or a span id is found through
// the Rollbar occurrence that carries it (RQL), since no trace source here can search by span id.

export type LookupOutcome = { ok: true; href: string } | { ok: false; code: 'bad_request' | 'not_found'; message: string }

/** RQL is how occurrences are found by a field; where it is missing, say so and where it can be had. */
const NEEDS_RQL = "it needs RQL, which Rollbar offers on its Advanced and Enterprise plans and Spanlight's store answers"

export async function resolveLookup(query: string, rollbar: Pick<RollbarSource, 'occurrenceByUuid' | 'occurrenceBySpan'>): Promise<LookupOutcome> {
  const input = parseLookup(query)
  switch (input.kind) {
    case 'invalid':
      return { ok: false, code: 'bad_request', message: input.reason }
    case 'trace':
      return { ok: true, href: `/traces/${input.traceId}${input.spanId ? `?span=${input.spanId}` : ''}` }
    case 'uuid': {
      const found = await rollbar.occurrenceByUuid(input.uuid)
      if (!found.ok) return { ok: false, code: 'not_found', message: `An occurrence cannot be found by its uuid here: ${found.reason}; ${NEEDS_RQL}.` }
      const occurrence = found.occurrences[0]
      if (!occurrence) return { ok: false, code: 'not_found', message: `No Rollbar occurrence has the uuid ${input.uuid}.` }
      return { ok: true, href: `/errors/${occurrence.itemId}` }
    }
    case 'span': {
      const found = await rollbar.occurrenceBySpan(input.spanId)
      const onlyByReports = 'span ids are found only when an error report carries them (in custom.span_id); the trace source has no search by span id'
      if (!found.ok) return { ok: false, code: 'not_found', message: `Span ${input.spanId} cannot be looked up: ${onlyByReports}, and ${found.reason}.` }
      const traceId = found.occurrences.find((occurrence) => occurrence.traceId)?.traceId
      if (!traceId) return { ok: false, code: 'not_found', message: `No error report carries span ${input.spanId} with its trace: ${onlyByReports}.` }
      return { ok: true, href: `/traces/${traceId}?span=${input.spanId}` }
    }
  }
}

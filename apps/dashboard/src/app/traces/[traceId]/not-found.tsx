import Link from 'next/link'
import { LastPathSegment } from '../../../features/common/components/last-path-segment'
import { getSources } from '../../../server/sources'

/** The trace page for a trace id the source does not know (HTTP 404, from the page's `notFound()`). */
export default function TraceNotFound() {
  let source = 'the trace source'
  try {
    source = getSources().traces.name
  } catch {
    // a bad configuration is reported by the routes
  }
  return (
    <div className="state" role="alert">
      <h2>Trace not found</h2>
      <p>
        Trace <LastPathSegment /> was not found in {source}.
      </p>
      <p className="muted">Spans may still be on their way (exporters batch for a few seconds), or retention removed the trace.</p>
      <p>
        <a href="">Retry</a> · <Link href="/traces">Search traces</Link>
      </p>
    </div>
  )
}

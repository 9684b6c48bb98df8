import Link from 'next/link'
import { formatUnixMs } from '../../common/model/format'
import { formatDuration } from '../../waterfall/model/time-layout'
import { scatterLayout } from '../model/scatter-layout'
import type { TraceSummary } from '../model/trace-model'

const BOX = { width: 1200, height: 200, padLeft: 56, padRight: 16, padTop: 12, padBottom: 24 }

/** Duration over time; every point is a link to its trace. */
export function TraceScatter({ traces }: { traces: TraceSummary[] }) {
  const layout = scatterLayout(traces, BOX)
  const bottom = BOX.height - BOX.padBottom
  return (
    <svg className="scatter" viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label="Trace duration over start time">
      <line x1={BOX.padLeft} y1={bottom} x2={BOX.width - BOX.padRight} y2={bottom} />
      <line x1={BOX.padLeft} y1={BOX.padTop} x2={BOX.padLeft} y2={bottom} />
      <text x={4} y={BOX.padTop + 8}>
        {formatDuration(layout.maxDurationMs)}
      </text>
      <text x={4} y={bottom}>
        0
      </text>
      {traces.length > 0 ? (
        <>
          <text x={BOX.padLeft} y={BOX.height - 6}>
            {formatUnixMs(layout.startMs)}
          </text>
          <text x={BOX.width - BOX.padRight} y={BOX.height - 6} textAnchor="end">
            {formatUnixMs(layout.endMs)}
          </text>
        </>
      ) : null}
      {layout.points.map((point) => (
        <Link key={point.traceId} href={`/traces/${point.traceId}`} aria-label={`Open trace ${point.label}`}>
          <circle cx={point.x} cy={point.y} r={5} className={point.error ? 'error' : undefined}>
            <title>{point.label}</title>
          </circle>
        </Link>
      ))}
    </svg>
  )
}

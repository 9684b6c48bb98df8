'use client'
import Link from 'next/link'
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import { RelativeTime, useUtc } from '../../common/components/time-zone'
import { formatTimeTick } from '../../common/model/format'
import { formatDuration } from '../../waterfall/model/time-layout'
import { brushToTimeRange, pointsNear, scatterLayout, type PlotBox, type ScatterPoint } from '../model/scatter-layout'
import type { TraceSummary } from '../model/trace-model'
import styles from './trace-scatter.module.css'

const PICK_RADIUS_PX = 10
const POPOVER_LIMIT = 15
const DEFAULT_WIDTH = 960

/**
 * Duration (log scale) over start time. Drag across it to search that time range; click a point, or a cluster of
 * overlapping points, to list the traces under the pointer. Keyboard users have the table below (every trace of the
 * plot is a link there).
 */
export function TraceScatter({ traces, onBrush }: { traces: TraceSummary[]; onBrush: (range: { fromMs: number; toMs: number }) => void }) {
  const utc = useUtc()
  const plotRef = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(DEFAULT_WIDTH)
  useEffect(() => {
    const element = plotRef.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(240, Math.floor(entry.contentRect.width))))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  const box: PlotBox = useMemo(() => ({ width, height: width < 600 ? 220 : 260, padLeft: 52, padRight: 14, padTop: 10, padBottom: 26 }), [width])
  const layout = useMemo(() => scatterLayout(traces, box), [traces, box])
  const [drag, setDrag] = useState<{ x0: number; x1: number; pointerId: number } | null>(null)
  const [picked, setPicked] = useState<{ x: number; y: number; points: ScatterPoint[] } | null>(null)
  useEffect(() => {
    if (!picked) return
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setPicked(null)
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [picked])

  const plotBottom = box.height - box.padBottom
  const plotRight = box.width - box.padRight
  const durationY = (ms: number) =>
    box.padTop +
    (1 - (Math.log10(ms) - Math.log10(layout.minDurationMs)) / (Math.log10(layout.maxDurationMs) - Math.log10(layout.minDurationMs))) *
      (plotBottom - box.padTop)
  const timeX = (ms: number) => box.padLeft + ((ms - layout.startMs) / (layout.endMs - layout.startMs)) * (plotRight - box.padLeft)

  // the points only change with the data and the size: a drag re-renders the brush, not 500 points
  const marks = useMemo(
    () => (
      <g data-testid="scatter-points">
        {layout.points.map((point) =>
          point.error ? null : <circle key={point.traceId} cx={point.x} cy={point.y} r={4.5} className={styles.ok} data-trace-id={point.traceId} />,
        )}
        {layout.points.map((point) =>
          point.error ? (
            <path
              key={point.traceId}
              d={`M${point.x} ${point.y - 6}L${point.x + 6} ${point.y}L${point.x} ${point.y + 6}L${point.x - 6} ${point.y}Z`}
              className={styles.error}
              data-trace-id={point.traceId}
            />
          ) : null,
        )}
      </g>
    ),
    [layout],
  )

  const localX = (event: ReactPointerEvent<SVGSVGElement>) => {
    const rect = event.currentTarget.getBoundingClientRect()
    return { x: ((event.clientX - rect.left) / rect.width) * box.width, y: ((event.clientY - rect.top) / rect.height) * box.height }
  }
  const onPointerDown = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return
    const { x } = localX(event)
    event.currentTarget.setPointerCapture(event.pointerId)
    setDrag({ x0: x, x1: x, pointerId: event.pointerId })
  }
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag || drag.pointerId !== event.pointerId) return
    const { x } = localX(event)
    setDrag({ ...drag, x1: x })
  }
  const onPointerUp = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag || drag.pointerId !== event.pointerId) return
    const { x, y } = localX(event)
    setDrag(null)
    const range = brushToTimeRange(layout, box, drag.x0, x)
    if (range) {
      setPicked(null)
      onBrush(range)
      return
    }
    const points = pointsNear(layout.points, x, y, PICK_RADIUS_PX)
    setPicked(points.length > 0 ? { x, y, points } : null)
  }

  const brushLeft = drag ? Math.max(box.padLeft, Math.min(drag.x0, drag.x1)) : 0
  const brushRight = drag ? Math.min(plotRight, Math.max(drag.x0, drag.x1)) : 0

  return (
    <figure className={styles.figure}>
      <figcaption className={styles.legend} data-testid="scatter-legend">
        <span className={styles.key}>
          <svg width="12" height="12" aria-hidden="true">
            <circle cx="6" cy="6" r="4.5" className={styles.ok} />
          </svg>
          no errors
        </span>
        <span className={styles.key}>
          <svg width="14" height="14" aria-hidden="true">
            <path d="M7 1L13 7L7 13L1 7Z" className={styles.error} />
          </svg>
          with errors
        </span>
        <span>
          y: duration (log scale) · x: start time ({utc ? 'UTC' : 'local'}) · drag across to search a time range · click a point or a cluster to list its traces
        </span>
      </figcaption>
      <div ref={plotRef} className={styles.plot}>
        <svg
          className={styles.svg}
          width={box.width}
          height={box.height}
          viewBox={`0 0 ${box.width} ${box.height}`}
          role="img"
          aria-label={`Duration over start time of ${traces.length} trace${traces.length === 1 ? '' : 's'}`}
          data-testid="trace-scatter"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
        >
          {layout.durationTicks.map((tick) => {
            const y = durationY(tick)
            return (
              <g key={`d${tick}`}>
                <line x1={box.padLeft} x2={plotRight} y1={y} y2={y} className={styles.grid} />
                <text x={box.padLeft - 6} y={y + 4} textAnchor="end">
                  {formatDuration(tick)}
                </text>
              </g>
            )
          })}
          {layout.timeTicks.values.map((tick) => {
            const x = timeX(tick)
            return (
              <g key={`t${tick}`}>
                <line x1={x} x2={x} y1={box.padTop} y2={plotBottom} className={styles.grid} />
                <text x={x} y={box.height - 8} textAnchor="middle" data-testid="scatter-time-tick">
                  {formatTimeTick(tick, layout.timeTicks.precision, utc)}
                </text>
              </g>
            )
          })}
          <line x1={box.padLeft} y1={plotBottom} x2={plotRight} y2={plotBottom} className={styles.axis} />
          <line x1={box.padLeft} y1={box.padTop} x2={box.padLeft} y2={plotBottom} className={styles.axis} />
          {marks}
          {picked ? <circle cx={picked.x} cy={picked.y} r={PICK_RADIUS_PX} className={styles.picked} /> : null}
          {drag && brushRight > brushLeft ? (
            <rect
              x={brushLeft}
              y={box.padTop}
              width={brushRight - brushLeft}
              height={plotBottom - box.padTop}
              className={styles.brush}
              data-testid="scatter-brush"
            />
          ) : null}
        </svg>
        {picked ? (
          <div
            className={styles.popover}
            role="dialog"
            aria-label="Traces under the pointer"
            data-testid="scatter-picked"
            style={{ left: Math.max(4, Math.min(picked.x, box.width - 344)), top: Math.min(picked.y + 12, box.height - 40) }}
          >
            <div className={styles.popoverHead}>
              <strong>
                {picked.points.length} trace{picked.points.length === 1 ? '' : 's'} here
              </strong>
              <button type="button" onClick={() => setPicked(null)} aria-label="Close">
                ×
              </button>
            </div>
            <ul>
              {picked.points.slice(0, POPOVER_LIMIT).map((point) => (
                <li key={point.traceId}>
                  <Link href={`/traces/${point.traceId}`} title={point.label} className={point.error ? 'error-text' : undefined}>
                    {point.label}
                  </Link>
                  <span className="muted">{formatDuration(point.durationMs)}</span>
                  <span className="muted">
                    <RelativeTime ms={point.startMs} />
                  </span>
                </li>
              ))}
            </ul>
            {picked.points.length > POPOVER_LIMIT ? (
              <p className="muted">and {picked.points.length - POPOVER_LIMIT} more: drag across them to narrow the search</p>
            ) : null}
          </div>
        ) : null}
      </div>
    </figure>
  )
}

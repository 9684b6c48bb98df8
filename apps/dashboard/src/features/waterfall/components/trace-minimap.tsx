'use client'
import { useEffect, useRef, useState, type PointerEvent } from 'react'
import type { OutlineSpan } from '../../traces/model/trace-outline'
import type { SpanTree } from '../model/span-tree'
import { windowFromFractions, type ZoomWindow } from '../model/zoom-window'
import styles from './waterfall.module.css'

const HEIGHT = 48
const SERVICE_COLOURS = 10

export interface TraceMinimapProps {
  spans: readonly OutlineSpan[]
  tree: SpanTree
  colors: Map<string, number>
  durationMs: number
  window: ZoomWindow | null
  onWindow: (window: ZoomWindow) => void
}

/**
 * The whole trace in a strip above the waterfall (each span a line at its time, in display order from top to bottom),
 * drawn on a canvas in one path per service colour (a 100,000-span trace is 100,000 rectangles in 10 fills, no DOM).
 * Dragging across it picks the time window the waterfall zooms to; the window is shown, the rest shaded.
 */
export function TraceMinimap({ spans, tree, colors, durationMs, window, onWindow }: TraceMinimapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const stripRef = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null)

  useEffect(() => {
    const element = stripRef.current
    if (!element) return
    setWidth(element.clientWidth)
    const observer = new ResizeObserver(() => setWidth(element.clientWidth))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas || width === 0) return
    const ratio = globalThis.devicePixelRatio || 1
    canvas.width = Math.round(width * ratio)
    canvas.height = Math.round(HEIGHT * ratio)
    const context = canvas.getContext('2d')
    if (!context) return
    context.setTransform(ratio, 0, 0, ratio, 0, 0)
    const style = getComputedStyle(canvas)
    const paths = Array.from({ length: SERVICE_COLOURS }, () => new Path2D())
    const count = tree.spanIndex.length
    const rowHeight = Math.max(1, (HEIGHT - 4) / Math.max(1, count))
    const scale = durationMs > 0 ? width / durationMs : 0
    for (let position = 0; position < count; position += 1) {
      const span = spans[tree.spanIndex[position]!]!
      const y = 2 + (position / Math.max(1, count)) * (HEIGHT - 4)
      paths[(colors.get(span.serviceName) ?? 0) % SERVICE_COLOURS]!.rect(span.startOffsetMs * scale, y, Math.max(1, span.durationMs * scale), rowHeight)
    }
    paths.forEach((path, colour) => {
      context.fillStyle = style.getPropertyValue(`--s${colour}`).trim() || '#888'
      context.fill(path)
    })
  }, [spans, tree, colors, durationMs, width])

  const fractionAt = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect()
    return box.width > 0 ? Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)) : 0
  }
  const shown = drag
    ? { from: Math.min(drag.from, drag.to), to: Math.max(drag.from, drag.to) }
    : window && durationMs > 0
      ? { from: window.startMs / durationMs, to: window.endMs / durationMs }
      : null

  return (
    <div
      ref={stripRef}
      className={styles.minimap}
      data-testid="minimap"
      role="group"
      aria-label="Trace overview: drag across it to zoom the waterfall into a time range"
      onPointerDown={(event) => {
        if (event.button !== 0) return
        event.currentTarget.setPointerCapture(event.pointerId)
        const at = fractionAt(event)
        setDrag({ from: at, to: at })
      }}
      onPointerMove={(event) => {
        if (!drag) return
        const at = fractionAt(event)
        setDrag((current) => current && { ...current, to: at })
      }}
      onPointerUp={(event) => {
        if (!drag) return
        const to = fractionAt(event)
        setDrag(null)
        onWindow(windowFromFractions(drag.from, to, durationMs))
      }}
      onPointerCancel={() => setDrag(null)}
    >
      <canvas ref={canvasRef} aria-hidden="true" />
      {shown ? (
        <>
          <div className={styles.shade} style={{ left: 0, width: `${shown.from * 100}%` }} />
          <div className={styles.brush} data-testid="minimap-window" style={{ left: `${shown.from * 100}%`, width: `${(shown.to - shown.from) * 100}%` }} />
          <div className={styles.shade} style={{ left: `${shown.to * 100}%`, right: 0 }} />
        </>
      ) : null}
    </div>
  )
}

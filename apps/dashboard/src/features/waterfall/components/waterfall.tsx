'use client'
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { TraceOutline } from '../../traces/model/trace-outline'
import type { SpanTree } from '../model/span-tree'
import type { SpanMarks } from '../model/span-marks'
import type { CriticalPath } from '../model/span-timing'
import { formatDuration } from '../model/time-layout'
import { moveSelection, scrollToReveal, virtualWindow, type NavigationKey } from '../model/virtual-window'
import { barInWindow, type ZoomWindow } from '../model/zoom-window'
import {
  NARROW_QUERY,
  ROW_HEIGHT,
  ROW_HEIGHT_NARROW,
  rowsHeight,
  WATERFALL_FRAME_CLASS,
  WATERFALL_LABEL,
  WaterfallAxis,
  WaterfallRowView,
  type WaterfallRowViewProps,
} from './waterfall-row'

const OVERSCAN = 8
const NAVIGATION_KEYS = new Set(['ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'])

export interface WaterfallProps {
  trace: TraceOutline
  tree: SpanTree
  colors: Map<string, number>
  /** display positions in view order */
  rows: number[]
  collapsed: ReadonlySet<number>
  matches: ReadonlySet<number>
  selected: number
  /** bumped to scroll the selected row into view */
  revealToken: number
  onSelect: (position: number) => void
  onToggle: (position: number, expand?: boolean) => void
  /** the time window the lanes show (the whole trace when null) */
  window: ZoomWindow | null
  /** row names and event times, once the server has sent them */
  marks: SpanMarks | undefined
  /** drawn on the bars when given */
  critical: CriticalPath | null
  /** by display position; the duration labels show self time when given */
  selfTimes: Float64Array | null
}

/** The row height the stylesheet gives rows at the current width (stacked rows on phones). */
function useRowHeight(): number {
  const [rowHeight, setRowHeight] = useState(ROW_HEIGHT)
  useLayoutEffect(() => {
    const query = globalThis.matchMedia?.(NARROW_QUERY)
    if (!query) return
    const update = () => setRowHeight(query.matches ? ROW_HEIGHT_NARROW : ROW_HEIGHT)
    update()
    query.addEventListener('change', update)
    return () => query.removeEventListener('change', update)
  }, [])
  return rowHeight
}

/** The span tree on a time axis; only the rows in view are rendered (fixed row height, no measuring). */
export function Waterfall({
  trace,
  tree,
  colors,
  rows,
  collapsed,
  matches,
  selected,
  revealToken,
  onSelect,
  onToggle,
  window,
  marks,
  critical,
  selfTimes,
}: WaterfallProps) {
  const rowHeight = useRowHeight()
  const scrollRef = useRef<HTMLDivElement>(null)
  // the first row in view, not the pixel offset: scrolling within a row renders nothing
  const [topRow, setTopRow] = useState(0)
  const [viewportHeight, setViewportHeight] = useState(600)
  const frame = useRef(0)

  useLayoutEffect(() => {
    const element = scrollRef.current
    if (!element) return
    setViewportHeight(element.clientHeight)
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const onScroll = useCallback(() => {
    if (frame.current) return
    frame.current = requestAnimationFrame(() => {
      frame.current = 0
      if (scrollRef.current) setTopRow(Math.floor(scrollRef.current.scrollTop / rowHeight))
    })
  }, [rowHeight])
  useEffect(() => () => cancelAnimationFrame(frame.current), [])
  // a new row height (the phone layout on or off) moves every row: find the first one in view again
  useLayoutEffect(() => {
    if (scrollRef.current) setTopRow(Math.floor(scrollRef.current.scrollTop / rowHeight))
  }, [rowHeight])

  // rows are memoised: hand them callbacks that never change identity
  const callbacks = useRef({ onSelect, onToggle })
  useLayoutEffect(() => {
    callbacks.current = { onSelect, onToggle }
  })
  const stableSelect = useCallback((position: number) => callbacks.current.onSelect(position), [])
  const stableToggle = useCallback((position: number) => callbacks.current.onToggle(position), [])

  const selectedRow = rows.indexOf(selected)
  useEffect(() => {
    const element = scrollRef.current
    if (!element || selectedRow < 0) return
    const target = scrollToReveal(selectedRow, element.scrollTop, element.clientHeight, rowHeight)
    if (target !== null) {
      element.scrollTop = target
      setTopRow(Math.floor(target / rowHeight))
    }
    // revealToken asks for a scroll even when the selection did not change
  }, [selectedRow, revealToken, rowHeight])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = Math.max(0, selectedRow)
    if (NAVIGATION_KEYS.has(event.key)) {
      event.preventDefault()
      const pageSize = Math.max(1, Math.floor(viewportHeight / rowHeight) - 1)
      const next = moveSelection(current, event.key as NavigationKey, rows.length, pageSize)
      if (next >= 0) onSelect(rows[next]!)
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault()
      if (tree.subtreeSize[selected]! > 1 && !collapsed.has(selected)) onToggle(selected, false)
      else if (tree.parentPosition[selected]! >= 0) onSelect(tree.parentPosition[selected]!)
    } else if (event.key === 'ArrowRight') {
      event.preventDefault()
      if (collapsed.has(selected)) onToggle(selected, true)
      else if (tree.subtreeSize[selected]! > 1) onSelect(selected + 1)
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      if (tree.subtreeSize[selected]! > 1) onToggle(selected)
    }
  }

  const lane = window ?? { startMs: 0, endMs: trace.durationMs }
  const laneMs = lane.endMs - lane.startMs
  const view = virtualWindow({ scrollTop: topRow * rowHeight, viewportHeight, rowHeight, rowCount: rows.length, overscan: OVERSCAN })
  const rendered = []
  for (let row = view.first; row < view.last; row += 1) {
    const position = rows[row]!
    const spanIndex = tree.spanIndex[position]!
    const span = trace.spans[spanIndex]!
    const bar = barInWindow(span.startOffsetMs, span.durationMs, lane)
    let criticalBars: number[] | undefined
    const segments = critical?.byPosition.get(position)
    if (segments) {
      criticalBars = []
      for (let index = 0; index < segments.length; index += 2) {
        const part = barInWindow(segments[index]!, segments[index + 1]! - segments[index]!, lane)
        if (!part.outside && part.width > 0) criticalBars.push(part.left, part.width)
      }
    }
    let eventMarks: number[] | undefined
    const events = marks?.events[span.spanId]
    if (events && laneMs > 0) {
      eventMarks = []
      for (let index = 0; index < events.length; index += 2) {
        const at = (span.startOffsetMs + events[index]! - lane.startMs) / laneMs
        if (at >= 0 && at <= 1) eventMarks.push(at, events[index + 1]!)
      }
    }
    rendered.push(
      <WaterfallRow
        key={position}
        position={position}
        row={row}
        span={span}
        label={marks?.names[span.spanId] ?? span.name}
        depth={tree.depth[position]!}
        descendants={tree.subtreeSize[position]! - 1}
        collapsed={collapsed.has(position)}
        selected={position === selected}
        match={matches.has(spanIndex)}
        geometry={bar}
        outside={bar.outside}
        critical={criticalBars}
        events={eventMarks}
        durationText={selfTimes ? `self ${formatDuration(selfTimes[position]!)}` : undefined}
        colour={colors.get(span.serviceName) ?? 0}
        onSelect={stableSelect}
        onToggle={stableToggle}
      />,
    )
  }

  return (
    <div className={`waterfall ${WATERFALL_FRAME_CLASS}`}>
      <WaterfallAxis shownCount={rows.length} spanCount={trace.spans.length} durationMs={laneMs} offsetMs={lane.startMs} />
      <div
        ref={scrollRef}
        className="wf-scroll"
        role="tree"
        aria-label={WATERFALL_LABEL}
        aria-activedescendant={selectedRow >= 0 ? `wf-row-${selected}` : undefined}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        data-testid="waterfall"
        // the rows answer clicks and keys (the server-rendered first rows before it do not): what tests wait for
        data-interactive="true"
      >
        <div className="wf-rows" style={rowsHeight(rows.length)}>
          {rendered}
        </div>
      </div>
    </div>
  )
}

/** One row; re-rendered only when its own props change (scrolling by a few rows re-renders only the new ones). */
const WaterfallRow = memo(
  function WaterfallRow(props: WaterfallRowViewProps & { onSelect: (position: number) => void; onToggle: (position: number) => void }) {
    return <WaterfallRowView {...props} />
  },
  (before, after) =>
    before.position === after.position &&
    before.row === after.row &&
    before.span === after.span &&
    before.depth === after.depth &&
    before.descendants === after.descendants &&
    before.collapsed === after.collapsed &&
    before.selected === after.selected &&
    before.match === after.match &&
    before.geometry.left === after.geometry.left &&
    before.geometry.width === after.geometry.width &&
    before.colour === after.colour &&
    before.label === after.label &&
    before.outside === after.outside &&
    before.durationText === after.durationText &&
    sameNumbers(before.critical, after.critical) &&
    sameNumbers(before.events, after.events),
)

function sameNumbers(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (a === b) return true
  if (!a || !b || a.length !== b.length) return false
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false
  return true
}

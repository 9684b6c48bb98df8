'use client'
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { TraceOutline } from '../../traces/model/trace-outline'
import type { SpanTree } from '../model/span-tree'
import { barGeometry } from '../model/time-layout'
import { moveSelection, scrollToReveal, virtualWindow, type NavigationKey } from '../model/virtual-window'
import { ROW_HEIGHT, WATERFALL_LABEL, WaterfallAxis, WaterfallRowView, type WaterfallRowViewProps } from './waterfall-row'

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
}

/** The span tree on a time axis; only the rows in view are rendered (fixed row height, no measuring). */
export function Waterfall({ trace, tree, colors, rows, collapsed, matches, selected, revealToken, onSelect, onToggle }: WaterfallProps) {
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
      if (scrollRef.current) setTopRow(Math.floor(scrollRef.current.scrollTop / ROW_HEIGHT))
    })
  }, [])
  useEffect(() => () => cancelAnimationFrame(frame.current), [])

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
    const target = scrollToReveal(selectedRow, element.scrollTop, element.clientHeight, ROW_HEIGHT)
    if (target !== null) {
      element.scrollTop = target
      setTopRow(Math.floor(target / ROW_HEIGHT))
    }
    // revealToken asks for a scroll even when the selection did not change
  }, [selectedRow, revealToken])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = Math.max(0, selectedRow)
    if (NAVIGATION_KEYS.has(event.key)) {
      event.preventDefault()
      const pageSize = Math.max(1, Math.floor(viewportHeight / ROW_HEIGHT) - 1)
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

  const view = virtualWindow({ scrollTop: topRow * ROW_HEIGHT, viewportHeight, rowHeight: ROW_HEIGHT, rowCount: rows.length, overscan: OVERSCAN })
  const rendered = []
  for (let row = view.first; row < view.last; row += 1) {
    const position = rows[row]!
    const spanIndex = tree.spanIndex[position]!
    const span = trace.spans[spanIndex]!
    rendered.push(
      <WaterfallRow
        key={position}
        position={position}
        row={row}
        span={span}
        depth={tree.depth[position]!}
        descendants={tree.subtreeSize[position]! - 1}
        collapsed={collapsed.has(position)}
        selected={position === selected}
        match={matches.has(spanIndex)}
        geometry={barGeometry(span.startOffsetMs, span.durationMs, trace.durationMs)}
        colour={colors.get(span.serviceName) ?? 0}
        onSelect={stableSelect}
        onToggle={stableToggle}
      />,
    )
  }

  return (
    <div className="waterfall">
      <WaterfallAxis shownCount={rows.length} spanCount={trace.spans.length} durationMs={trace.durationMs} />
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
        <div className="wf-rows" style={{ height: view.totalHeight }}>
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
    before.colour === after.colour,
)

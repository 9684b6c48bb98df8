import type { CSSProperties } from 'react'
import type { OutlineSpan } from '../../traces/model/trace-outline'
import { formatDuration, timeTicks } from '../model/time-layout'
import styles from './waterfall.module.css'

// The waterfall's markup, shared by the interactive waterfall (client) and the first rows the trace page renders on
// the server (`TracePreview`), so the rows the HTML paints are the rows the client draws in their place.

export const ROW_HEIGHT = 24
/** rows on phones: the name on its own line above the bar (see waterfall.module.css) */
export const ROW_HEIGHT_NARROW = 40
export const NARROW_QUERY = '(max-width: 640px)'
export const WATERFALL_LABEL = 'Span waterfall: arrow keys move, left and right collapse and expand'
/** the class of the element around the axis and the rows: row height, indent and the phone layout */
export const WATERFALL_FRAME_CLASS = styles.frame!

export interface WaterfallRowViewProps {
  position: number
  row: number
  span: OutlineSpan
  /** the row's label: the span's name, or for a fetch span its method and path (`rowName`) */
  label: string
  depth: number
  descendants: number
  collapsed: boolean
  selected: boolean
  match: boolean
  /** fractions (0–1) of the lane */
  geometry: { left: number; width: number }
  /** the span does not overlap the zoomed window: dimmed */
  outside?: boolean
  colour: number
  /** the duration label's text when it is not the span's duration (self time) */
  durationText?: string
  /** critical-path parts of the bar: [left, width] fractions of the lane, flat */
  critical?: readonly number[]
  /** events: [fraction of the lane, 1 for an exception else 0], flat */
  events?: readonly number[]
  /** absent in the server-rendered rows, which are not interactive */
  onSelect?: (position: number) => void
  onToggle?: (position: number) => void
}

/** One row: names and services are text (React escapes them), never markup. */
export function WaterfallRowView({
  position,
  row,
  span,
  label,
  depth,
  descendants,
  collapsed,
  selected,
  match,
  geometry,
  outside = false,
  colour,
  durationText,
  critical,
  events,
  onSelect,
  onToggle,
}: WaterfallRowViewProps) {
  const hasChildren = descendants > 0
  const isError = span.status.code === 'error'
  const criticalBars = []
  if (critical) {
    for (let index = 0; index < critical.length; index += 2)
      criticalBars.push(
        <span key={index} className={styles.critical} style={{ left: `${critical[index]! * 100}%`, width: `${critical[index + 1]! * 100}%` }} />,
      )
  }
  const eventMarks = []
  if (events) {
    for (let index = 0; index < events.length; index += 2)
      eventMarks.push(
        <span
          key={index}
          className={events[index + 1] ? styles.exceptionMark : styles.eventMark}
          data-mark={events[index + 1] ? 'exception' : 'event'}
          style={{ left: `${events[index]! * 100}%` }}
        />,
      )
  }
  return (
    <div
      id={`wf-row-${position}`}
      role="treeitem"
      aria-level={depth + 1}
      aria-selected={selected}
      aria-expanded={hasChildren ? !collapsed : undefined}
      data-span-id={span.spanId}
      data-service={span.serviceName}
      data-error={isError ? 'true' : undefined}
      data-critical={critical ? 'true' : undefined}
      data-events={events ? events.length / 2 : undefined}
      data-outside={outside ? 'true' : undefined}
      className={`wf-row${selected ? ' selected' : ''}${match ? ' match' : ''}${outside ? ` ${styles.outside}` : ''}${critical ? ` ${styles.criticalOn}` : ''}`}
      style={{ top: `calc(${row} * var(--wf-row-h, ${ROW_HEIGHT}px))` }}
      onClick={onSelect && (() => onSelect(position))}
    >
      <div
        className="wf-label"
        title={label === span.name ? `${span.serviceName}: ${label}` : `${span.serviceName}: ${label} (${span.name})`}
        style={{ paddingLeft: `calc(4px + min(${Math.min(depth, 40)} * var(--wf-indent, 12px), var(--wf-indent-max, 480px)))` }}
      >
        {hasChildren ? (
          <button
            type="button"
            className="wf-toggle"
            tabIndex={-1}
            aria-label={collapsed ? `Expand ${label}` : `Collapse ${label}`}
            onClick={
              onToggle &&
              ((event) => {
                event.stopPropagation()
                onToggle(position)
              })
            }
          >
            {collapsed ? '▶' : '▼'}
          </button>
        ) : (
          <span className="wf-toggle-spacer" />
        )}
        {isError ? (
          <span className="wf-error-mark" title="error status" aria-label="error">
            !
          </span>
        ) : null}
        <span className="wf-service">
          <span className={`swatch s${colour}`} />
          <span className={styles.serviceName}>{span.serviceName}</span>
        </span>
        <span className="wf-name">{label}</span>
        {collapsed ? <span className="muted">&nbsp;(+{descendants})</span> : null}
      </div>
      <div className="wf-lane">
        <div className={`wf-bar s${colour}${isError ? ' error' : ''}`} style={{ left: `${geometry.left * 100}%`, width: `${geometry.width * 100}%` }} />
        {criticalBars}
        {eventMarks}
        <span
          className="wf-duration"
          style={
            geometry.left + geometry.width > 0.85
              ? { right: `${(1 - geometry.left) * 100 + 0.5}%` }
              : { left: `${(geometry.left + geometry.width) * 100 + 0.5}%` }
          }
        >
          {durationText ?? formatDuration(span.durationMs)}
        </span>
      </div>
    </div>
  )
}

/** The header above the rows: how many spans are shown, and the time axis (of the zoomed window when there is one). */
export function WaterfallAxis({
  shownCount,
  spanCount,
  durationMs,
  offsetMs = 0,
}: {
  shownCount: number
  spanCount: number
  durationMs: number
  /** where the axis starts, from the trace's start */
  offsetMs?: number
}) {
  return (
    <div className="wf-axis" aria-hidden="true">
      <div style={{ padding: '4px 8px' }} className="muted">
        Span ({shownCount} of {spanCount} shown)
      </div>
      <div className="ticks">
        {timeTicks(durationMs, 6).map((tick) => (
          <span key={tick.offsetMs} className="tick" style={tick.fraction >= 0.98 ? { right: 2 } : { left: `${tick.fraction * 100}%` }}>
            {offsetMs > 0 ? formatDuration(offsetMs + tick.offsetMs) : tick.label}
          </span>
        ))}
      </div>
    </div>
  )
}

/** The rows' container height for a number of rows, in the frame's row height. */
export function rowsHeight(rowCount: number): CSSProperties {
  return { height: `calc(${rowCount} * var(--wf-row-h, ${ROW_HEIGHT}px))` }
}

import type { OutlineSpan } from '../../traces/model/trace-outline'
import { formatDuration, timeTicks } from '../model/time-layout'

// The waterfall's markup, shared by the interactive waterfall (client) and the first rows the trace page renders on
// the server (`TracePreview`), so the rows the HTML paints are the rows the client draws in their place.

export const ROW_HEIGHT = 24
export const WATERFALL_LABEL = 'Span waterfall: arrow keys move, left and right collapse and expand'

export interface WaterfallRowViewProps {
  position: number
  row: number
  span: OutlineSpan
  depth: number
  descendants: number
  collapsed: boolean
  selected: boolean
  match: boolean
  geometry: { left: number; width: number }
  colour: number
  /** absent in the server-rendered rows, which are not interactive */
  onSelect?: (position: number) => void
  onToggle?: (position: number) => void
}

/** One row: names and services are text (React escapes them), never markup. */
export function WaterfallRowView({
  position,
  row,
  span,
  depth,
  descendants,
  collapsed,
  selected,
  match,
  geometry,
  colour,
  onSelect,
  onToggle,
}: WaterfallRowViewProps) {
  const hasChildren = descendants > 0
  const isError = span.status.code === 'error'
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
      className={`wf-row${selected ? ' selected' : ''}${match ? ' match' : ''}`}
      style={{ top: row * ROW_HEIGHT }}
      onClick={onSelect && (() => onSelect(position))}
    >
      <div className="wf-label" style={{ paddingLeft: 4 + Math.min(depth, 40) * 12 }}>
        {hasChildren ? (
          <button
            type="button"
            className="wf-toggle"
            tabIndex={-1}
            aria-label={collapsed ? `Expand ${span.name}` : `Collapse ${span.name}`}
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
          {span.serviceName}
        </span>
        <span className="wf-name">{span.name}</span>
        {collapsed ? <span className="muted">&nbsp;(+{descendants})</span> : null}
      </div>
      <div className="wf-lane">
        <div className={`wf-bar s${colour}${isError ? ' error' : ''}`} style={{ left: `${geometry.left * 100}%`, width: `${geometry.width * 100}%` }} />
        <span
          className="wf-duration"
          style={
            geometry.left + geometry.width > 0.85
              ? { right: `${(1 - geometry.left) * 100 + 0.5}%` }
              : { left: `${(geometry.left + geometry.width) * 100 + 0.5}%` }
          }
        >
          {formatDuration(span.durationMs)}
        </span>
      </div>
    </div>
  )
}

/** The header above the rows: how many spans are shown, and the time axis. */
export function WaterfallAxis({ shownCount, spanCount, durationMs }: { shownCount: number; spanCount: number; durationMs: number }) {
  return (
    <div className="wf-axis" aria-hidden="true">
      <div style={{ padding: '4px 8px' }} className="muted">
        Span ({shownCount} of {spanCount} shown)
      </div>
      <div className="ticks">
        {timeTicks(durationMs, 6).map((tick) => (
          <span key={tick.offsetMs} className="tick" style={tick.fraction >= 0.98 ? { right: 2 } : { left: `${tick.fraction * 100}%` }}>
            {tick.label}
          </span>
        ))}
      </div>
    </div>
  )
}

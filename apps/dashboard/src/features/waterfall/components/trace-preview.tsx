import { TraceHeading } from '../../traces/components/trace-heading'
import type { TraceOutline } from '../../traces/model/trace-outline'
import { serviceColorIndexes } from '../model/service-colors'
import { buildSpanTree } from '../model/span-tree'
import { barGeometry } from '../model/time-layout'
import { rowsHeight, WATERFALL_FRAME_CLASS, WATERFALL_LABEL, WaterfallAxis, WaterfallRowView } from './waterfall-row'

/** Rows the server renders: a 1,200 px tall waterfall (a 1,440 px tall window) shows 50; the client renders the rest. */
export const PREVIEW_ROW_COUNT = 50

/**
 * The trace page as it first looks (everything expanded, the first rows of the waterfall), rendered on the server
 * into the streamed HTML so the rows paint before the scripts have loaded; the client's `TraceView` replaces it once
 * it has the outline. Same markup and classes, so nothing moves; nothing here answers clicks or keys (the controls
 * are disabled, the tree is `aria-busy` and not focusable, and lacks the interactive waterfall's `data-interactive`).
 */
export function TracePreview({ trace, initialSpanId, rowCount = PREVIEW_ROW_COUNT }: { trace: TraceOutline; initialSpanId: string | null; rowCount?: number }) {
  const tree = buildSpanTree(trace.spans)
  const colors = serviceColorIndexes(trace.spans)
  const errorCount = trace.spans.reduce((count, span) => count + (span.status.code === 'error' ? 1 : 0), 0)
  const initialIndex = initialSpanId ? trace.spans.findIndex((span) => span.spanId === initialSpanId) : -1
  const selected = initialIndex >= 0 ? tree.positionOfSpan[initialIndex]! : 0
  const spanCount = tree.spanIndex.length
  const rows = []
  // with nothing collapsed, the row at display position p is row p
  for (let position = 0; position < Math.min(rowCount, spanCount); position += 1) {
    const span = trace.spans[tree.spanIndex[position]!]!
    rows.push(
      <WaterfallRowView
        key={position}
        position={position}
        row={position}
        span={span}
        label={span.name}
        depth={tree.depth[position]!}
        descendants={tree.subtreeSize[position]! - 1}
        collapsed={false}
        selected={position === selected}
        match={false}
        geometry={barGeometry(span.startOffsetMs, span.durationMs, trace.durationMs)}
        colour={colors.get(span.serviceName) ?? 0}
      />,
    )
  }
  const selectedSpan = trace.spans[tree.spanIndex[selected] ?? 0]
  return (
    <>
      <TraceHeading trace={trace} root={trace.spans[tree.spanIndex[0] ?? 0]} services={[...colors.entries()]} errorCount={errorCount} startText={null} />
      <section aria-label="Rollbar items for this trace" className="row" style={{ margin: '8px 0' }}>
        <strong>Rollbar:</strong>
        <span className="muted">looking for items with this trace id…</span>
      </section>
      <div className="row" style={{ marginBottom: 8, flexWrap: 'wrap' }}>
        <label style={{ maxWidth: '100%' }}>
          <span className="visually-hidden">Search in this trace</span>
          <input type="search" placeholder="Search spans: name, service, attribute…" disabled style={{ width: 320, maxWidth: '100%' }} />
        </label>
        <span className="spacer" />
        <button type="button" disabled>
          Expand all
        </button>
        <button type="button" disabled>
          Collapse to top level
        </button>
      </div>
      <div className="trace-layout">
        <div className={`waterfall ${WATERFALL_FRAME_CLASS}`}>
          <WaterfallAxis shownCount={spanCount} spanCount={trace.spans.length} durationMs={trace.durationMs} />
          <div className="wf-scroll" role="tree" aria-label={WATERFALL_LABEL} aria-busy="true" data-testid="waterfall">
            <div className="wf-rows" style={rowsHeight(spanCount)}>
              {rows}
            </div>
          </div>
        </div>
        <aside className="side-panel" aria-label="Span details" data-testid="span-details">
          <h2>{selectedSpan?.name ?? ''}</h2>
          <p className="muted" role="status">
            Loading attributes, events and links…
          </p>
        </aside>
      </div>
    </>
  )
}

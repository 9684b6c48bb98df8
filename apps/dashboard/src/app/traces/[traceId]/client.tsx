'use client'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { ApiError } from '../../../features/common/api-client'
import { ErrorState, Loading } from '../../../features/common/components/states'
import { formatUnixNano } from '../../../features/common/model/format'
import { traceItemsNote } from '../../../features/errors/model/rollbar-lookups'
import { CompareWithForm } from '../../../features/traces/components/compare-forms'
import { TraceHeading } from '../../../features/traces/components/trace-heading'
import { nanoToMs } from '../../../features/traces/model/trace-model'
import { spanIndexLookup, type TraceOutline } from '../../../features/traces/model/trace-outline'
import { spanDetailsQuery, traceErrorsQuery, traceOutlineQuery, traceSearchWithinQuery } from '../../../features/traces/queries'
import { SpanDetails } from '../../../features/waterfall/components/span-details'
import { TraceMinimap } from '../../../features/waterfall/components/trace-minimap'
import { Waterfall } from '../../../features/waterfall/components/waterfall'
import styles from '../../../features/waterfall/components/waterfall.module.css'
import { serviceColorIndexes } from '../../../features/waterfall/model/service-colors'
import { criticalPath, selfTimeByService, selfTimes, type ServiceSelfTime } from '../../../features/waterfall/model/span-timing'
import { ancestorsOf, buildSpanTree, visibleRows } from '../../../features/waterfall/model/span-tree'
import { formatDuration } from '../../../features/waterfall/model/time-layout'
import { formatZoomWindow, parseZoomWindow, type ZoomWindow } from '../../../features/waterfall/model/zoom-window'
import { spanMarksQuery } from '../../../features/waterfall/queries'

/** `?window=12.5-40`: the time range (ms from the trace's start) the waterfall is zoomed to */
const WINDOW_PARAM = 'window'

/**
 * `preview` is shown until the outline has arrived: the page's server-rendered first rows (`TracePreview`, streamed
 * with the HTML), so the rows paint before this component's scripts have loaded.
 */
export function TraceClient({ traceId, initialSpanId, preview }: { traceId: string; initialSpanId: string | null; preview?: ReactNode }) {
  // the outline paints the rows; a span's attributes, events and links are fetched when it is selected,
  // and search within the trace runs on the server, so the browser never parses the whole trace
  const trace = useQuery(traceOutlineQuery(traceId))
  if (trace.isPending) return preview ?? <Loading what={`trace ${traceId}`} />
  if (trace.isError) {
    if (trace.error instanceof ApiError && trace.error.status === 404) {
      return (
        <div className="state" role="alert">
          <h2>Trace not found</h2>
          <p>{trace.error.message}.</p>
          <p className="muted">Spans may still be on their way (exporters batch for a few seconds), or retention removed the trace.</p>
          <button type="button" onClick={() => void trace.refetch()}>
            Retry
          </button>{' '}
          <Link href="/traces">Search traces</Link>
        </div>
      )
    }
    return <ErrorState error={trace.error} what="trace" onRetry={() => void trace.refetch()} />
  }
  return <TraceView trace={trace.data} initialSpanId={initialSpanId} />
}

function TraceView({ trace, initialSpanId }: { trace: TraceOutline; initialSpanId: string | null }) {
  const tree = useMemo(() => buildSpanTree(trace.spans), [trace])
  const colors = useMemo(() => serviceColorIndexes(trace.spans), [trace])
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set())
  const [selected, setSelected] = useState(() => {
    const index = initialSpanId ? trace.spans.findIndex((span) => span.spanId === initialSpanId) : -1
    return index >= 0 ? tree.positionOfSpan[index]! : 0
  })
  const [revealToken, setRevealToken] = useState(0)
  // the page's server part does not read the window: it only matters once the client draws the lanes
  const [zoom, setZoom] = useState<ZoomWindow | null>(() =>
    parseZoomWindow(new URLSearchParams(globalThis.location?.search ?? '').get(WINDOW_PARAM), trace.durationMs),
  )
  const changeZoom = useCallback((next: ZoomWindow | null) => {
    setZoom(next)
    const url = new URL(globalThis.location.href)
    if (next) url.searchParams.set(WINDOW_PARAM, formatZoomWindow(next))
    else url.searchParams.delete(WINDOW_PARAM)
    globalThis.history.replaceState(globalThis.history.state, '', url)
  }, [])
  const [showCritical, setShowCritical] = useState(false)
  const [showSelfTime, setShowSelfTime] = useState(false)
  // computed when first shown (the toggle), not while the rows are first painted
  const critical = useMemo(() => (showCritical ? criticalPath(trace.spans, tree) : null), [showCritical, trace, tree])
  const self = useMemo(() => selfTimes(trace.spans, tree), [trace, tree])
  const serviceSelfTimes = useMemo(() => selfTimeByService(trace.spans, tree, self), [trace, tree, self])
  // fetch names and event times come from the whole trace on the server: asked once the rows are on screen
  const [marksWanted, setMarksWanted] = useState(false)
  useEffect(() => {
    const frame = requestAnimationFrame(() => setMarksWanted(true))
    return () => cancelAnimationFrame(frame)
  }, [])
  const marks = useQuery({ ...spanMarksQuery(trace.traceId), enabled: marksWanted })
  const [query, setQuery] = useState('')
  const search = useQuery({ ...traceSearchWithinQuery(trace.traceId, query), placeholderData: keepPreviousData })
  const indexOfSpan = useMemo(() => spanIndexLookup(trace.spans), [trace])
  const matches = useMemo(() => {
    const found = new Set<number>()
    if (query.trim()) for (const spanId of search.data?.spanIds ?? []) found.add(indexOfSpan(spanId))
    found.delete(-1)
    return found
  }, [search.data, indexOfSpan, query])
  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed])
  const errors = useQuery(traceErrorsQuery(trace.traceId, nanoToMs(trace.startTimeUnixNano)))
  const linkedItems = errors.data?.items ?? []
  // how the items were found, when that limits what could be found (the scan without RQL)
  const lookupNote = errors.data
    ? traceItemsNote(errors.data, (sec) => new Date(sec * 1000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }))
    : null

  const services = [...colors.entries()]
  const errorCount = useMemo(() => trace.spans.reduce((count, span) => count + (span.status.code === 'error' ? 1 : 0), 0), [trace])
  const root = trace.spans[tree.spanIndex[0] ?? 0]
  const selectedSpanIndex = tree.spanIndex[selected] ?? 0
  const selectedOutline = trace.spans[selectedSpanIndex]
  const details = useQuery({ ...spanDetailsQuery(trace.traceId, selectedOutline?.spanId ?? ''), enabled: selectedOutline !== undefined })

  const select = (position: number) => {
    const ancestors = ancestorsOf(tree, position)
    if (ancestors.some((ancestor) => collapsed.has(ancestor))) {
      setCollapsed((current) => {
        const next = new Set(current)
        for (const ancestor of ancestors) next.delete(ancestor)
        return next
      })
    }
    setSelected(position)
    setRevealToken((token) => token + 1)
  }
  const toggle = (position: number, expand?: boolean) =>
    setCollapsed((current) => {
      const next = new Set(current)
      const open = expand ?? next.has(position)
      if (open) next.delete(position)
      else next.add(position)
      return next
    })
  // a link to this trace with another `?span=` (an attribute holding a span id of this trace) selects that span
  const [urlSpanId, setUrlSpanId] = useState(initialSpanId)
  if (initialSpanId !== urlSpanId) {
    setUrlSpanId(initialSpanId)
    const index = initialSpanId ? indexOfSpan(initialSpanId) : -1
    if (index >= 0) select(tree.positionOfSpan[index]!)
  }
  const matchPositions = useMemo(() => [...matches].map((index) => tree.positionOfSpan[index]!).sort((a, b) => a - b), [matches, tree])
  const goToMatch = (direction: 1 | -1) => {
    if (matchPositions.length === 0) return
    const next =
      direction === 1
        ? (matchPositions.find((position) => position > selected) ?? matchPositions[0]!)
        : ([...matchPositions].reverse().find((position) => position < selected) ?? matchPositions.at(-1)!)
    select(next)
  }

  return (
    <>
      <TraceHeading trace={trace} root={root} services={services} errorCount={errorCount} startText={formatUnixNano(trace.startTimeUnixNano)} />
      <section aria-label="Rollbar items for this trace" className="row" style={{ margin: '8px 0' }}>
        <strong>Rollbar:</strong>
        {errors.isPending ? (
          <span className="muted">looking for items with this trace id…</span>
        ) : errors.isError ? (
          <span className="error-text">could not load Rollbar items ({errors.error.message})</span>
        ) : linkedItems.length === 0 ? (
          <span className="muted">no Rollbar item carries this trace id</span>
        ) : (
          linkedItems.map((item) => (
            <span key={item.occurrenceId} className="row" style={{ gap: 4 }}>
              <span className={`badge ${item.level}`}>{item.level}</span>
              <Link href={`/errors/${item.itemId}`} data-testid="rollbar-link">
                {item.title}
              </Link>
              {item.spanId && trace.spans.some((span) => span.spanId === item.spanId) ? (
                <button type="button" onClick={() => select(tree.positionOfSpan[trace.spans.findIndex((span) => span.spanId === item.spanId)]!)}>
                  show span
                </button>
              ) : null}
            </span>
          ))
        )}
        {lookupNote ? (
          <span className="muted" data-testid="rollbar-lookup-note">
            ({lookupNote})
          </span>
        ) : null}
      </section>
      <CompareWithForm traceId={trace.traceId} />
      <div className="row" style={{ marginBottom: 8, flexWrap: 'wrap' }}>
        <label style={{ maxWidth: '100%' }}>
          <span className="visually-hidden">Search in this trace</span>
          <input
            type="search"
            placeholder="Search spans: name, service, attribute…"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault()
                goToMatch(event.shiftKey ? -1 : 1)
              }
            }}
            style={{ width: 320, maxWidth: '100%' }}
          />
        </label>
        {query ? (
          <>
            <span aria-live="polite">
              {search.isPending || search.isPlaceholderData
                ? 'searching…'
                : search.isError
                  ? `search failed: ${search.error.message}`
                  : `${matches.size} match${matches.size === 1 ? '' : 'es'}`}
            </span>
            <button type="button" onClick={() => goToMatch(-1)} disabled={matches.size === 0}>
              Previous
            </button>
            <button type="button" onClick={() => goToMatch(1)} disabled={matches.size === 0}>
              Next
            </button>
          </>
        ) : null}
        <span className="spacer" />
        <button type="button" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
        <button
          type="button"
          onClick={() => setCollapsed(new Set(tree.subtreeSize.flatMap((size, position) => (size > 1 && tree.depth[position]! >= 1 ? [position] : []))))}
        >
          Collapse to top level
        </button>
      </div>
      <div className={styles.toolbar}>
        <label>
          <input type="checkbox" checked={showCritical} onChange={(event) => setShowCritical(event.target.checked)} /> Critical path
        </label>
        <label>
          <input type="checkbox" checked={showSelfTime} onChange={(event) => setShowSelfTime(event.target.checked)} /> Self time in rows
        </label>
        {zoom ? (
          <span data-testid="zoom-status">
            Zoomed to {formatDuration(zoom.startMs)}–{formatDuration(zoom.endMs)}{' '}
            <button type="button" onClick={() => changeZoom(null)}>
              Reset zoom
            </button>
          </span>
        ) : (
          <span className="muted">Drag across the overview to zoom</span>
        )}
      </div>
      <ServiceSelfTimeTable rows={serviceSelfTimes} />
      <div className="trace-layout">
        <div style={{ minWidth: 0 }}>
          <TraceMinimap spans={trace.spans} tree={tree} colors={colors} durationMs={trace.durationMs} window={zoom} onWindow={changeZoom} />
          <Waterfall
            trace={trace}
            tree={tree}
            colors={colors}
            rows={rows}
            collapsed={collapsed}
            matches={matches}
            selected={selected}
            revealToken={revealToken}
            onSelect={select}
            onToggle={toggle}
            window={zoom}
            marks={marks.data}
            critical={critical}
            selfTimes={showSelfTime ? self : null}
          />
        </div>
        {details.data && details.data.span.spanId === selectedOutline?.spanId ? (
          <SpanDetails
            traceId={trace.traceId}
            hasSpan={(spanId) => indexOfSpan(spanId) >= 0}
            span={details.data.span}
            startOffsetMs={selectedOutline?.startOffsetMs ?? 0}
            resource={details.data.resource}
            rollbarItems={linkedItems.filter((item) => item.spanId === details.data.span.spanId)}
            selfTimeMs={self[selected]}
            rowLabel={marks.data?.names[details.data.span.spanId]}
          />
        ) : (
          <aside className="side-panel" aria-label="Span details" data-testid="span-details">
            <h2>{selectedOutline?.name ?? ''}</h2>
            {details.isError ? (
              <p className="error-text" role="alert">
                Could not load the span details: {details.error.message}
              </p>
            ) : (
              <p className="muted" role="status">
                Loading attributes, events and links…
              </p>
            )}
          </aside>
        )}
      </div>
    </>
  )
}

/** Self time summed per service: where the trace's time went, children's time not counted twice. */
function ServiceSelfTimeTable({ rows }: { rows: ServiceSelfTime[] }) {
  return (
    <details data-testid="service-self-time">
      <summary>Self time by service</summary>
      <table className={styles.serviceTable}>
        <thead>
          <tr>
            <th scope="col">service</th>
            <th scope="col">self time</th>
            <th scope="col">share</th>
            <th scope="col">spans</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.serviceName}>
              <td>{row.serviceName}</td>
              <td>{formatDuration(row.selfTimeMs)}</td>
              <td>{Math.round(row.share * 1000) / 10}%</td>
              <td>{row.spanCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}

'use client'
import { useMemo, useState, type DragEvent } from 'react'
import { formatUnixNano } from '../../../features/common/model/format'
import { parseTraceFile, TRACE_FILE_FORMAT_LABELS, type TraceFileResult } from '../../../features/traces/model/trace-file'
import type { TraceModel } from '../../../features/traces/model/trace-model'
import { spanIndexLookup, traceOutline } from '../../../features/traces/model/trace-outline'
import { SpanDetails } from '../../../features/waterfall/components/span-details'
import { TraceMinimap } from '../../../features/waterfall/components/trace-minimap'
import { Waterfall } from '../../../features/waterfall/components/waterfall'
import styles from '../../../features/waterfall/components/waterfall.module.css'
import { serviceColorIndexes } from '../../../features/waterfall/model/service-colors'
import { spanMarks } from '../../../features/waterfall/model/span-marks'
import { criticalPath, selfTimes } from '../../../features/waterfall/model/span-timing'
import { ancestorsOf, buildSpanTree, visibleRows } from '../../../features/waterfall/model/span-tree'
import { formatDuration } from '../../../features/waterfall/model/time-layout'
import type { ZoomWindow } from '../../../features/waterfall/model/zoom-window'

const NO_MATCHES: ReadonlySet<number> = new Set()

interface OpenedFile {
  name: string
  result: TraceFileResult
}

/** Reads a local trace file in the browser (never uploaded) and shows it with the trace page's waterfall. */
export function OpenTraceClient() {
  const [opened, setOpened] = useState<OpenedFile | null>(null)
  const [chosen, setChosen] = useState(0)
  const [dragging, setDragging] = useState(false)

  const open = async (file: File | undefined) => {
    if (!file) return
    let result: TraceFileResult
    try {
      result = parseTraceFile(await file.text())
    } catch (error) {
      result = { ok: false, error: `The file could not be read (${(error as Error).message}).` }
    }
    setOpened({ name: file.name, result })
    setChosen(0)
  }
  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault()
    setDragging(false)
    void open(event.dataTransfer.files[0])
  }

  const result = opened?.result
  const trace = result?.ok ? result.traces[chosen] : undefined
  return (
    <>
      <section
        aria-label="Trace file"
        data-testid="trace-file-drop"
        onDragOver={(event) => {
          event.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{
          border: `2px dashed ${dragging ? 'currentColor' : 'rgba(127, 127, 127, 0.5)'}`,
          borderRadius: 8,
          padding: 16,
          marginBottom: 12,
        }}
      >
        <label>
          Choose a trace file or drop it here{' '}
          <input
            type="file"
            accept=".json,.jsonl,.ndjson,application/json"
            data-testid="trace-file-input"
            onChange={(event) => {
              void open(event.target.files?.[0])
              // the same file chosen again (after fixing it) opens again
              event.target.value = ''
            }}
          />
        </label>
        {opened && result ? (
          result.ok ? (
            <p className="muted" role="status" data-testid="trace-file-status" style={{ marginBottom: 0 }}>
              {opened.name}: {TRACE_FILE_FORMAT_LABELS[result.format]}, {result.traces.length} trace{result.traces.length === 1 ? '' : 's'}
            </p>
          ) : (
            <p className="error-text" role="alert" data-testid="trace-file-error" style={{ marginBottom: 0 }}>
              {opened.name}: {result.error}
            </p>
          )
        ) : null}
      </section>
      {result?.ok && result.traces.length > 1 ? (
        <label className="row" style={{ marginBottom: 12 }}>
          The file holds {result.traces.length} traces; show
          <select value={chosen} onChange={(event) => setChosen(Number(event.target.value))} data-testid="trace-file-pick">
            {result.traces.map((option, index) => (
              <option key={option.traceId} value={index}>
                {traceLabel(option)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {trace ? <OpenedTrace key={`${opened!.name}:${trace.traceId}`} trace={trace} /> : null}
    </>
  )
}

function traceLabel(trace: TraceModel): string {
  const root = trace.spans.find((span) => span.parentSpanId === null) ?? trace.spans[0]
  return `${root ? `${root.serviceName}: ${root.name}` : 'empty trace'} · ${trace.spans.length} span${trace.spans.length === 1 ? '' : 's'} · ${formatDuration(trace.durationMs)} · ${trace.traceId}`
}

/** The trace page's waterfall, minimap and span details, from a whole trace already in the browser (nothing fetched). */
function OpenedTrace({ trace: model }: { trace: TraceModel }) {
  const trace = useMemo(() => traceOutline(model), [model])
  const tree = useMemo(() => buildSpanTree(trace.spans), [trace])
  const colors = useMemo(() => serviceColorIndexes(trace.spans), [trace])
  const marks = useMemo(() => spanMarks(model), [model])
  const indexOfSpan = useMemo(() => spanIndexLookup(trace.spans), [trace])
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set())
  const [selected, setSelected] = useState(0)
  const [revealToken, setRevealToken] = useState(0)
  const [zoom, setZoom] = useState<ZoomWindow | null>(null)
  const [showCritical, setShowCritical] = useState(false)
  const [showSelfTime, setShowSelfTime] = useState(false)
  const critical = useMemo(() => (showCritical ? criticalPath(trace.spans, tree) : null), [showCritical, trace, tree])
  const self = useMemo(() => selfTimes(trace.spans, tree), [trace, tree])
  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed])

  const root = trace.spans[tree.spanIndex[0] ?? 0]
  const errorCount = trace.spans.reduce((count, span) => count + (span.status.code === 'error' ? 1 : 0), 0)
  const span = model.spans[tree.spanIndex[selected] ?? 0]
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

  return (
    <>
      <h2 style={{ marginBottom: 4 }}>
        {root ? (
          <>
            <span className="muted">{root.serviceName}:</span> {root.name}
          </>
        ) : (
          'Empty trace'
        )}
      </h2>
      <p className="muted" style={{ margin: '0 0 8px' }}>
        <span className="mono">{trace.traceId}</span> · {formatUnixNano(trace.startTimeUnixNano)} · {formatDuration(trace.durationMs)} · {trace.spans.length}{' '}
        spans ·{' '}
        <span className={errorCount > 0 ? 'error-text' : undefined}>
          {errorCount} error{errorCount === 1 ? '' : 's'}
        </span>{' '}
        · {[...colors.keys()].join(', ')}
      </p>
      {trace.warnings.length > 0 ? (
        <ul className="muted" data-testid="trace-file-warnings">
          {trace.warnings.map((warning, index) => (
            <li key={index}>{warning}</li>
          ))}
        </ul>
      ) : null}
      <div className={styles.toolbar}>
        <button type="button" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
        <label>
          <input type="checkbox" checked={showCritical} onChange={(event) => setShowCritical(event.target.checked)} /> Critical path
        </label>
        <label>
          <input type="checkbox" checked={showSelfTime} onChange={(event) => setShowSelfTime(event.target.checked)} /> Self time in rows
        </label>
        {zoom ? (
          <span>
            Zoomed to {formatDuration(zoom.startMs)}–{formatDuration(zoom.endMs)}{' '}
            <button type="button" onClick={() => setZoom(null)}>
              Reset zoom
            </button>
          </span>
        ) : (
          <span className="muted">Drag across the overview to zoom</span>
        )}
      </div>
      <div className="trace-layout">
        <div style={{ minWidth: 0 }}>
          <TraceMinimap spans={trace.spans} tree={tree} colors={colors} durationMs={trace.durationMs} window={zoom} onWindow={setZoom} />
          <Waterfall
            trace={trace}
            tree={tree}
            colors={colors}
            rows={rows}
            collapsed={collapsed}
            matches={NO_MATCHES}
            selected={selected}
            revealToken={revealToken}
            onSelect={select}
            onToggle={toggle}
            window={zoom}
            marks={marks}
            critical={critical}
            selfTimes={showSelfTime ? self : null}
          />
        </div>
        {span ? (
          <SpanDetails
            traceId={trace.traceId}
            hasSpan={(spanId) => indexOfSpan(spanId) >= 0}
            span={span}
            startOffsetMs={trace.spans[tree.spanIndex[selected] ?? 0]?.startOffsetMs ?? 0}
            resource={model.resources[span.resourceId] ?? []}
            rollbarItems={[]}
            selfTimeMs={self[selected]}
            rowLabel={marks.names[span.spanId]}
          />
        ) : null}
      </div>
    </>
  )
}

'use client'
import { useEffect, useMemo, useRef, useState } from 'react'
import { formatTimeTick } from '../../common/model/format'
import { bucketTimes, cellExamples, type HeatmapGrid, type HeatmapSelection, type RunRange } from '../model/chart-data'
import { EChart, themeColors, type EChartsInstance, type EChartsOption } from './echart'
import styles from './query.module.css'
import type { PointExamples } from './series-chart'

/** The plot's margins inside the chart box, fixed so a drag maps to cells the same way the cells were drawn. */
const GRID = { left: 72, right: 12, top: 12, bottom: 36 }
const HEIGHT = 280
/** a press and release closer than this (px) is a click on a cell, not a drag */
const CLICK_SLOP_PX = 4

interface Drag {
  startX: number
  startY: number
  x: number
  y: number
}

/**
 * A heatmap of span counts: time buckets across, value buckets up, colour by count. Dragging across it selects a
 * region (handed over as bucket indices); a click on a cell hands over the cell's example traces.
 */
export function HeatmapChart({
  grid,
  range,
  utc,
  selection,
  onSelect,
  onCell,
}: {
  grid: HeatmapGrid
  range: RunRange
  utc: boolean
  selection: HeatmapSelection | null
  onSelect: (selection: HeatmapSelection) => void
  onCell: (examples: PointExamples) => void
}) {
  const times = useMemo(() => bucketTimes(range), [range])
  const [drag, setDrag] = useState<Drag | null>(null)
  const [size, setSize] = useState({ width: 0, height: HEIGHT })
  const option = useMemo((): EChartsOption => {
    const colors = themeColors()
    return {
      animation: false,
      grid: { ...GRID, containLabel: false },
      tooltip: {
        confine: true,
        formatter: (params: unknown) => {
          const [timeIndex, valueIndex, count] = (params as { value: [number, number, number] }).value
          const element = document.createElement('div')
          element.textContent = `${formatTimeTick(times[timeIndex] ?? 0, 'second', utc)}${utc ? ' UTC' : ''} · ${grid.column} ${grid.valueLabels[valueIndex] ?? ''}: ${count} span${count === 1 ? '' : 's'}`
          return element
        },
      },
      xAxis: {
        type: 'category',
        data: times.map((time) => formatTimeTick(time, 'minute', utc)),
        axisLabel: { color: colors.muted, hideOverlap: true },
        axisLine: { lineStyle: { color: colors.border } },
        splitArea: { show: false },
      },
      yAxis: {
        type: 'category',
        data: grid.valueLabels,
        axisLabel: { color: colors.muted, hideOverlap: true },
        axisLine: { lineStyle: { color: colors.border } },
      },
      visualMap: { show: false, min: 1, max: Math.max(1, grid.maxCount), inRange: { color: ['#c6dbff', '#4f7fe8', '#1b3a9a', '#0a1a4f'] } },
      series: [{ type: 'heatmap', data: grid.cells, emphasis: { itemStyle: { borderColor: colors.fg, borderWidth: 1 } } }],
    }
  }, [grid, times, utc])

  // events are wired once per chart instance: they read the latest props through this ref
  const latest = useRef({ grid, times, utc, onSelect, onCell })
  useEffect(() => {
    latest.current = { grid, times, utc, onSelect, onCell }
  })

  const onInit = (chart: EChartsInstance) => {
    const zr = chart.getZr()
    let pressed: Drag | null = null
    const cellAt = (x: number, y: number): [number, number] => {
      const { grid, times } = latest.current
      const [timeIndex, valueIndex] = chart.convertFromPixel({ gridIndex: 0 }, [x, y]) as number[]
      const clamp = (value: number, count: number) => Math.min(count - 1, Math.max(0, Math.round(value ?? 0)))
      return [clamp(timeIndex!, times.length), clamp(valueIndex!, grid.valueBuckets)]
    }
    const inPlot = (x: number, y: number) => x >= GRID.left && x <= chart.getWidth() - GRID.right && y >= GRID.top && y <= chart.getHeight() - GRID.bottom
    const onDown = (event: { offsetX: number; offsetY: number }) => {
      if (!inPlot(event.offsetX, event.offsetY)) return
      pressed = { startX: event.offsetX, startY: event.offsetY, x: event.offsetX, y: event.offsetY }
      setDrag(pressed)
    }
    const onMove = (event: { offsetX: number; offsetY: number }) => {
      if (!pressed) return
      pressed = { ...pressed, x: event.offsetX, y: event.offsetY }
      setDrag(pressed)
    }
    const onUp = (event: { offsetX: number; offsetY: number }) => {
      if (!pressed) return
      const start = pressed
      pressed = null
      setDrag(null)
      const [fromTime, fromValue] = cellAt(start.startX, start.startY)
      const [toTime, toValue] = cellAt(event.offsetX, event.offsetY)
      const { grid, times, utc, onSelect, onCell } = latest.current
      if (Math.hypot(event.offsetX - start.startX, event.offsetY - start.startY) < CLICK_SLOP_PX) {
        const traceIds = cellExamples(grid, fromTime, fromValue)
        if (traceIds.length > 0) {
          onCell({
            title: `${grid.column} ${grid.valueLabels[fromValue]} at ${formatTimeTick(times[fromTime]!, 'second', utc)}${utc ? ' UTC' : ''}`,
            traceIds,
          })
        }
        return
      }
      onSelect({ fromTime, toTime, fromValue, toValue })
    }
    const onResize = () => setSize({ width: chart.getWidth(), height: chart.getHeight() })
    onResize()
    zr.on('mousedown', onDown)
    zr.on('mousemove', onMove)
    zr.on('mouseup', onUp)
    zr.on('globalout', () => {
      pressed = null
      setDrag(null)
    })
    chart.on('finished', onResize)
    return () => {
      zr.off('mousedown', onDown)
      zr.off('mousemove', onMove)
      zr.off('mouseup', onUp)
      chart.off('finished', onResize)
    }
  }

  // the selected cells' rectangle, from the plot's size (fixed margins, equal bands)
  const plotWidth = size.width - GRID.left - GRID.right
  const plotHeight = size.height - GRID.top - GRID.bottom
  const band = { x: plotWidth / Math.max(1, times.length), y: plotHeight / grid.valueBuckets }
  const selectionBox =
    selection && size.width > 0
      ? {
          left: GRID.left + Math.min(selection.fromTime, selection.toTime) * band.x,
          width: (Math.abs(selection.toTime - selection.fromTime) + 1) * band.x,
          // value buckets grow upwards
          top: GRID.top + (grid.valueBuckets - 1 - Math.max(selection.fromValue, selection.toValue)) * band.y,
          height: (Math.abs(selection.toValue - selection.fromValue) + 1) * band.y,
        }
      : null

  return (
    <div style={{ position: 'relative', cursor: 'crosshair', userSelect: 'none', touchAction: 'none' }} data-testid="heatmap">
      <EChart
        option={option}
        height={HEIGHT}
        label={`Heatmap of ${grid.column} over time, colour by span count; drag to select a region to compare`}
        onInit={onInit}
      />
      {drag ? (
        <div
          className={styles.drag}
          style={{
            left: Math.min(drag.startX, drag.x),
            top: Math.min(drag.startY, drag.y),
            width: Math.abs(drag.x - drag.startX),
            height: Math.abs(drag.y - drag.startY),
          }}
        />
      ) : selectionBox ? (
        <div className={styles.selection} data-testid="heatmap-selection" style={selectionBox} />
      ) : null}
    </div>
  )
}

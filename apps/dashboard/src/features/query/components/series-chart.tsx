'use client'
import { useEffect, useMemo, useRef } from 'react'
import { formatTimeTick } from '../../common/model/format'
import { bucketTimes, type CalculationChart, type RunRange } from '../model/chart-data'
import type { PointLookup } from '../model/point-examples'
import { EChart, themeColors, type EChartsInstance, type EChartsOption } from './echart'

export interface PointExamples {
  title: string
  traceIds: string[]
  /** a series point without examples in the answer: what to ask for them (point-examples.ts) */
  lookup?: PointLookup
  /** while they are asked for, or when asking failed */
  state?: 'loading' | 'failed'
}

/** Tooltip content as DOM nodes: group names are untrusted text and never become HTML. */
function tooltipElement(title: string, rows: { name: string; value: string; color: string }[]): HTMLElement {
  const root = document.createElement('div')
  const heading = document.createElement('div')
  heading.textContent = title
  heading.style.fontWeight = '600'
  root.append(heading)
  for (const row of rows.slice(0, 12)) {
    const line = document.createElement('div')
    const swatch = document.createElement('span')
    swatch.className = 'swatch'
    swatch.style.background = row.color
    line.append(swatch, document.createTextNode(`${row.name}: ${row.value}`))
    root.append(line)
  }
  if (rows.length > 12) root.append(document.createTextNode(`… and ${rows.length - 12} more`))
  return root
}

const formatValue = (value: number) => (Number.isInteger(value) ? String(value) : value.toPrecision(4))

/**
 * One calculation over time, a line per group. A click on the plot picks the nearest point that has a value (by
 * time, then by height among the lines) and hands over its example traces.
 */
export function SeriesChart({
  chart,
  range,
  utc,
  onPoint,
}: {
  chart: CalculationChart
  range: RunRange
  utc: boolean
  onPoint: (examples: PointExamples) => void
}) {
  const times = useMemo(() => bucketTimes(range), [range])
  const option = useMemo((): EChartsOption => {
    const colors = themeColors()
    const axisLabel = { color: colors.muted, hideOverlap: true }
    return {
      animation: false,
      grid: { left: 8, right: 16, top: chart.series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
      legend: chart.series.length > 1 ? { type: 'scroll', top: 0, textStyle: { color: colors.fg }, pageTextStyle: { color: colors.muted } } : undefined,
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (params: unknown) => {
          const items = (Array.isArray(params) ? params : [params]) as { seriesName: string; value: [number, number | null]; color: string }[]
          const timeMs = items[0]?.value[0] ?? 0
          const rows = items
            .filter((item) => item.value[1] !== null)
            .map((item) => ({ name: item.seriesName, value: formatValue(item.value[1]!), color: item.color }))
          return tooltipElement(`${formatTimeTick(timeMs, 'second', utc)}${utc ? ' UTC' : ''}`, rows)
        },
      },
      xAxis: {
        type: 'time',
        min: range.startSec * 1000,
        max: range.endSec * 1000,
        axisLabel: { ...axisLabel, formatter: (value: number) => formatTimeTick(value, 'minute', utc) },
        axisLine: { lineStyle: { color: colors.border } },
      },
      yAxis: { type: 'value', axisLabel, splitLine: { lineStyle: { color: colors.border } } },
      series: chart.series.map((line) => ({
        type: 'line',
        name: line.name,
        data: times.map((time, index) => [time, line.values[index]]),
        showSymbol: true,
        symbolSize: 5,
        connectNulls: false,
        emphasis: { focus: 'series' },
      })),
    }
  }, [chart, range, times, utc])

  // the click handler is wired once per chart instance: it reads the latest data through this ref
  const latest = useRef({ chart, times, utc, onPoint, range })
  useEffect(() => {
    latest.current = { chart, times, utc, onPoint, range }
  })

  const onInit = (instance: EChartsInstance) => {
    const onClick = (event: { offsetX: number; offsetY: number }) => {
      const { chart, times, utc, onPoint, range } = latest.current
      const pixel = [event.offsetX, event.offsetY]
      if (!instance.containPixel({ gridIndex: 0 }, pixel)) return
      const [timeMs] = instance.convertFromPixel({ gridIndex: 0 }, pixel) as number[]
      let best: { bucket: number; series: number; distance: number } | undefined
      chart.series.forEach((line, seriesIndex) => {
        line.values.forEach((value, bucket) => {
          // a bucket counted 0 has no span to open
          if (value === null || (value === 0 && line.examples[bucket]!.length === 0)) return
          const [x, y] = instance.convertToPixel({ seriesIndex }, [times[bucket]!, value]) as number[]
          const distance = Math.hypot(x! - pixel[0]!, (y! - pixel[1]!) / 4)
          if (!best || distance < best.distance) best = { bucket, series: seriesIndex, distance }
        })
      })
      if (!best || timeMs === undefined) return
      const line = chart.series[best.series]!
      onPoint({
        title: `${chart.label} of ${line.name} at ${formatTimeTick(times[best.bucket]!, 'second', utc)}${utc ? ' UTC' : ''}`,
        traceIds: line.examples[best.bucket]!,
        lookup: { group: line.group, startSec: times[best.bucket]! / 1000, endSec: times[best.bucket]! / 1000 + range.granularitySec },
      })
    }
    instance.getZr().on('click', onClick)
    return () => instance.getZr().off('click', onClick)
  }

  return <EChart option={option} height={chart.series.length > 1 ? 260 : 220} label={`${chart.label} over time, a line per group`} onInit={onInit} />
}

'use client'
import { useMemo } from 'react'
import { useUtc } from '../../common/components/time-zone'
import { formatTimeTick } from '../../common/model/format'
import { EChart, themeColors, type EChartsOption } from '../../query/components/echart'
import type { VitalLine } from '../model/frontend-tables'
import { formatVitalValue } from '../model/web-vitals'
import styles from './frontend.module.css'

/** The rating colours of globals.css, so the threshold lines follow the dark scheme too. */
function ratingColors(): { ok: string; poor: string } {
  const style = getComputedStyle(document.documentElement)
  return { ok: style.getPropertyValue('--ok').trim() || '#2e7d32', poor: style.getPropertyValue('--error').trim() || '#c62828' }
}

/** Tooltip as DOM nodes (never HTML from data). */
function tooltipElement(title: string, lines: string[]): HTMLElement {
  const root = document.createElement('div')
  const heading = document.createElement('div')
  heading.textContent = title
  heading.style.fontWeight = '600'
  root.append(heading)
  for (const line of lines) {
    const row = document.createElement('div')
    row.textContent = line
    root.append(row)
  }
  return root
}

function VitalChart({ line, utc }: { line: VitalLine; utc: boolean }) {
  const option = useMemo((): EChartsOption => {
    const colors = themeColors()
    const rating = ratingColors()
    const { vital, timesMs, values } = line
    const axisLabel = { color: colors.muted, hideOverlap: true }
    const startMs = timesMs[0] ?? 0
    const endMs = (timesMs[timesMs.length - 1] ?? 0) + (timesMs.length > 1 ? timesMs[1]! - timesMs[0]! : 0)
    // the thresholds as flat dashed lines (the Query page's ECharts build has line charts, not mark lines)
    const threshold = (name: string, value: number, color: string) => ({
      type: 'line',
      name,
      data: [
        [startMs, value],
        [endMs, value],
      ],
      symbol: 'none',
      silent: true,
      lineStyle: { type: 'dashed', width: 1, color },
      itemStyle: { color },
      tooltip: { show: false },
    })
    return {
      animation: false,
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: colors.fg } },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (params: unknown) => {
          const items = (Array.isArray(params) ? params : [params]) as { seriesName: string; value: [number, number | null] }[]
          const point = items.find((item) => item.seriesName === 'p75')
          const timeMs = point?.value[0] ?? items[0]?.value[0] ?? 0
          const value = point?.value[1]
          return tooltipElement(`${formatTimeTick(timeMs, 'minute', utc)}${utc ? ' UTC' : ''}`, [
            value === null || value === undefined ? 'p75: no values' : `p75: ${formatVitalValue(vital, value)}`,
          ])
        },
      },
      xAxis: {
        type: 'time',
        min: startMs,
        max: endMs,
        axisLabel: { ...axisLabel, formatter: (value: number) => formatTimeTick(value, 'minute', utc) },
        axisLine: { lineStyle: { color: colors.border } },
      },
      yAxis: { type: 'value', min: 0, axisLabel, splitLine: { lineStyle: { color: colors.border } } },
      series: [
        {
          type: 'line',
          name: 'p75',
          data: timesMs.map((time, index) => [time, values[index]]),
          showSymbol: true,
          symbolSize: 5,
          connectNulls: false,
          itemStyle: { color: colors.accent },
          lineStyle: { color: colors.accent },
        },
        threshold(`good ≤ ${formatVitalValue(vital, vital.goodMaxValue)}`, vital.goodMaxValue, rating.ok),
        threshold(`poor > ${formatVitalValue(vital, vital.poorAboveValue)}`, vital.poorAboveValue, rating.poor),
      ],
    }
  }, [line, utc])
  return <EChart option={option} height={220} label={`${line.vital.name} p75 over time, with the good and poor thresholds (the table above has the numbers)`} />
}

/** A chart per vital: its p75 over time (every route together) and Google's two thresholds. */
export default function VitalCharts({ lines }: { lines: VitalLine[] }) {
  const utc = useUtc()
  return (
    <div className="grid-2" data-testid="vital-charts">
      {lines.map((line) => (
        <figure key={line.vital.name} className="panel" data-vital={line.vital.name} style={{ margin: 0 }}>
          <figcaption className={styles.chartTitle}>
            {line.vital.name} <span className="muted">{line.vital.title}, p75</span>
          </figcaption>
          <VitalChart line={line} utc={utc} />
        </figure>
      ))}
    </div>
  )
}

'use client'
// The one place ECharts is set up: only the parts the Query page draws (line and heatmap charts on a grid, tooltips,
// legends, the heatmap's colour scale) on the canvas renderer, so the page's chunk holds no more of it. Loaded only by
// the Query page's charts (next/dynamic), never by other pages. ECharts uses no eval and no inline script (the page's
// CSP holds it; e2e/security.spec.ts listens for violations); its tooltips set style attributes, which the CSP allows.
import { HeatmapChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

echarts.use([LineChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer])

export type EChartsInstance = echarts.ECharts
export type EChartsOption = echarts.EChartsCoreOption

/** The page's colours (globals.css variables), so the charts follow the dark scheme too. */
export function themeColors(): { fg: string; muted: string; border: string; accent: string } {
  const style = getComputedStyle(document.documentElement)
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return { fg: read('--fg', '#1b1f24'), muted: read('--fg-muted', '#5b6472'), border: read('--border', '#d8dde5'), accent: read('--accent', '#2557d6') }
}

/**
 * A chart that fills its box's width and redraws when the box resizes (so it never widens the page). `option` is
 * replaced whole on change; `onInit` wires events and returns their cleanup.
 */
export function EChart({
  option,
  height,
  label,
  onInit,
}: {
  option: EChartsOption
  height: number
  /** what the chart shows, for screen readers (the table below it has the numbers) */
  label: string
  onInit?: (chart: EChartsInstance) => (() => void) | void
}) {
  const box = useRef<HTMLDivElement>(null)
  const chartRef = useRef<EChartsInstance | null>(null)
  const onInitRef = useRef(onInit)
  useEffect(() => {
    onInitRef.current = onInit
  })

  useEffect(() => {
    const element = box.current
    if (!element) return
    const chart = echarts.init(element, undefined, { renderer: 'canvas' })
    chartRef.current = chart
    const cleanup = onInitRef.current?.(chart)
    const observer = new ResizeObserver(() => chart.resize())
    observer.observe(element)
    return () => {
      observer.disconnect()
      cleanup?.()
      chart.dispose()
      chartRef.current = null
    }
  }, [])

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true })
  }, [option])

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />
}

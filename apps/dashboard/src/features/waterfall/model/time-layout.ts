// Where bars and ticks go on the waterfall's time axis, measured from the trace's start.

/** A bar's left edge and width as fractions (0–1) of the axis; never outside it. */
export function barGeometry(startOffsetMs: number, durationMs: number, traceDurationMs: number): { left: number; width: number } {
  if (traceDurationMs <= 0) return { left: 0, width: 1 }
  const left = Math.min(1, Math.max(0, startOffsetMs / traceDurationMs))
  const width = Math.min(1 - left, Math.max(0, durationMs / traceDurationMs))
  return { left, width }
}

export interface TimeTick {
  offsetMs: number
  /** 0–1 along the axis */
  fraction: number
  label: string
}

/** About `targetCount` ticks at round steps (1, 2, 5 × 10ⁿ ms) from 0 to the duration. */
export function timeTicks(durationMs: number, targetCount = 5): TimeTick[] {
  if (!(durationMs > 0)) return [{ offsetMs: 0, fraction: 0, label: formatDuration(0) }]
  const rough = durationMs / targetCount
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude
  const ticks: TimeTick[] = []
  for (let offsetMs = 0; offsetMs <= durationMs + step * 1e-9; offsetMs += step) {
    const rounded = Number(offsetMs.toPrecision(12))
    ticks.push({ offsetMs: rounded, fraction: rounded / durationMs, label: formatDuration(rounded) })
  }
  return ticks
}

/** 0.0004 → "0.4µs", 0.25 → "250µs", 12.345 → "12.35ms", 1234 → "1.23s", 125000 → "2m 5s" */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–'
  if (ms === 0) return '0ms'
  if (ms < 1) return `${trim((ms * 1000).toPrecision(3))}µs`
  if (ms < 1000) return `${trim(ms.toPrecision(ms < 10 ? 3 : ms < 100 ? 4 : 3))}ms`
  if (ms < 60_000) return `${trim((ms / 1000).toPrecision(3))}s`
  const minutes = Math.floor(ms / 60_000)
  const seconds = Math.round((ms % 60_000) / 1000)
  return seconds === 0 ? `${minutes}m` : `${minutes}m ${seconds}s`
}

function trim(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : String(Number(text))
}

import type { SpanTree } from './span-tree'

// Self time and the critical path, from the outline's times and the tree (no recursion: a 100,000-span trace or a
// 100,000-deep chain is walked with loops over flat arrays).

export interface TimedSpan {
  /** ms from the trace's start */
  startOffsetMs: number
  durationMs: number
  serviceName: string
}

/**
 * Each span's interval clipped to its parent's (clipped) interval, by display position: a child that outlives its
 * parent (clock skew, async work) counts only while the parent runs, as Jaeger UI does.
 */
export function clippedIntervals(spans: readonly TimedSpan[], tree: SpanTree): { start: Float64Array; end: Float64Array } {
  const count = tree.spanIndex.length
  const start = new Float64Array(count)
  const end = new Float64Array(count)
  // parents come before their children in display order
  for (let position = 0; position < count; position += 1) {
    const span = spans[tree.spanIndex[position]!]!
    let spanStart = span.startOffsetMs
    let spanEnd = span.startOffsetMs + Math.max(0, span.durationMs)
    const parent = tree.parentPosition[position]!
    if (parent >= 0) {
      spanStart = Math.min(Math.max(spanStart, start[parent]!), end[parent]!)
      spanEnd = Math.min(Math.max(spanEnd, spanStart), end[parent]!)
    }
    start[position] = spanStart
    end[position] = spanEnd
  }
  return { start, end }
}

/**
 * Self time by display position: the span's duration minus the union of its children's intervals, each clipped to the
 * span. Children are in start order (`buildSpanTree`), so one sweep merges them.
 *
 *   a |==========|        a: 10 ms; b and c overlap (2–6 ms), so the union is 4 ms: self time 6 ms
 *   b   |===|             b: 2–5, c: 3–6
 *   c    |===|
 */
export function selfTimes(spans: readonly TimedSpan[], tree: SpanTree): Float64Array {
  const count = tree.spanIndex.length
  const result = new Float64Array(count)
  for (let position = 0; position < count; position += 1) {
    const span = spans[tree.spanIndex[position]!]!
    const spanStart = span.startOffsetMs
    const spanEnd = spanStart + Math.max(0, span.durationMs)
    let covered = 0
    let runStart = 0
    let runEnd = -Infinity
    const stop = position + tree.subtreeSize[position]!
    for (let child = position + 1; child < stop; child += tree.subtreeSize[child]!) {
      const childSpan = spans[tree.spanIndex[child]!]!
      const childStart = Math.max(spanStart, childSpan.startOffsetMs)
      const childEnd = Math.min(spanEnd, childSpan.startOffsetMs + Math.max(0, childSpan.durationMs))
      if (childEnd <= childStart) continue
      if (childStart > runEnd) {
        if (runEnd > runStart) covered += runEnd - runStart
        runStart = childStart
        runEnd = childEnd
      } else if (childEnd > runEnd) runEnd = childEnd
    }
    if (runEnd > runStart) covered += runEnd - runStart
    result[position] = Math.max(0, spanEnd - spanStart - covered)
  }
  return result
}

export interface ServiceSelfTime {
  serviceName: string
  selfTimeMs: number
  spanCount: number
  /** of the sum of all self times */
  share: number
}

/** Self time summed per service, largest first. */
export function selfTimeByService(spans: readonly TimedSpan[], tree: SpanTree, self: Float64Array): ServiceSelfTime[] {
  const byService = new Map<string, { selfTimeMs: number; spanCount: number }>()
  let total = 0
  for (let position = 0; position < self.length; position += 1) {
    const name = spans[tree.spanIndex[position]!]!.serviceName
    const entry = byService.get(name) ?? { selfTimeMs: 0, spanCount: 0 }
    entry.selfTimeMs += self[position]!
    entry.spanCount += 1
    byService.set(name, entry)
    total += self[position]!
  }
  return [...byService.entries()]
    .map(([serviceName, entry]) => ({ serviceName, ...entry, share: total > 0 ? entry.selfTimeMs / total : 0 }))
    .sort((a, b) => b.selfTimeMs - a.selfTimeMs || a.serviceName.localeCompare(b.serviceName))
}

export interface CriticalSegment {
  position: number
  startMs: number
  endMs: number
}

export interface CriticalPath {
  /** latest first, as the walk finds them; they tile the root's interval */
  segments: CriticalSegment[]
  /** display position → its segments' [start, end] pairs in ms (flat), for the positions on the path */
  byPosition: Map<number, number[]>
}

/**
 * The critical path: the chain of work the trace's end waited on. From the root that ends last, walking back in time:
 * the last-finishing child that ends before the current point is what the span waited on, so the span is critical from
 * that child's end to the point, then the walk descends into the child; with no such child the span is critical from
 * its start, and the walk returns to its parent at the span's start. Intervals are clipped to the parent's
 * (`clippedIntervals`). A loop over a cursor per span (children sorted by end, latest first): O(n log n), no recursion.
 *
 *   ms   0    2    4    6    8    10
 *   root |=========================|   root 0–10, children a 1–4 and b 5–9; c 6–8 is b's child
 *   a      |=======|
 *   b                 |==========|
 *   c                   |=====|
 *   from the end back: root 9–10, b 8–9, c 6–8, b 5–6, root 4–5, a 1–4, root 0–1
 */
export function criticalPath(spans: readonly TimedSpan[], tree: SpanTree): CriticalPath {
  const count = tree.spanIndex.length
  const segments: CriticalSegment[] = []
  const byPosition = new Map<number, number[]>()
  if (count === 0) return { segments, byPosition }
  const { start, end } = clippedIntervals(spans, tree)

  // children of each position, latest end first
  const childStart = new Int32Array(count + 1)
  for (let position = 0; position < count; position += 1) {
    let children = 0
    const stop = position + tree.subtreeSize[position]!
    for (let child = position + 1; child < stop; child += tree.subtreeSize[child]!) children += 1
    childStart[position + 1] = childStart[position]! + children
  }
  const childList = new Int32Array(childStart[count]!)
  for (let position = 0; position < count; position += 1) {
    let slot = childStart[position]!
    const stop = position + tree.subtreeSize[position]!
    for (let child = position + 1; child < stop; child += tree.subtreeSize[child]!) childList[slot++] = child
    const from = childStart[position]!
    const to = childStart[position + 1]!
    if (to - from > 1) childList.subarray(from, to).sort((a, b) => end[b]! - end[a]! || b - a)
  }

  let root = 0
  for (let position = 0; position < count; position += tree.subtreeSize[position]!) if (end[position]! > end[root]!) root = position

  const cursor = childStart.slice(0, count)
  const push = (position: number, startMs: number, endMs: number) => {
    if (endMs <= startMs) return
    segments.push({ position, startMs, endMs })
    const list = byPosition.get(position)
    if (list) list.push(startMs, endMs)
    else byPosition.set(position, [startMs, endMs])
  }
  let current = root
  let until = end[root]!
  for (;;) {
    // the last-finishing child that ends by `until`; `until` only moves back for a span, so skipped children never qualify later
    let next = -1
    while (cursor[current]! < childStart[current + 1]!) {
      const child = childList[cursor[current]!]!
      cursor[current]! += 1
      if (end[child]! <= until) {
        next = child
        break
      }
    }
    if (next >= 0) {
      push(current, end[next]!, until)
      current = next
      until = end[next]!
    } else {
      push(current, start[current]!, until)
      if (current === root) break
      until = start[current]!
      current = tree.parentPosition[current]!
    }
  }
  return { segments, byPosition }
}

import { buildSpanTree, type SpanTree } from '../../waterfall/model/span-tree'

// Trace comparison (issue 15, as Jaeger UI's): two traces merged into one tree. Spans are matched by their path of
// (service, name) from the root; siblings with the same key are paired in start order. Built without recursion, so a
// 10,000-deep chain cannot overflow the stack.

/** What the comparison reads of a span: a TraceModel's or a TraceOutline's span both fit. */
export interface CompareInputSpan {
  spanId: string
  parentSpanId: string | null
  name: string
  serviceName: string
  durationMs: number
  /** when given, siblings are ordered by it (the outline); otherwise the spans' order, which is by start time */
  startOffsetMs?: number
}

export interface CompareInputTrace {
  traceId: string
  durationMs: number
  spans: readonly CompareInputSpan[]
}

/** A change smaller than this share of A's duration counts as the same (timing noise). */
export const DEFAULT_MIN_CHANGE_SHARE = 0.1
/** A change smaller than this many ms counts as the same, whatever its share. */
export const DEFAULT_MIN_CHANGE_MS = 0.5

export type ComparePresence = 'both' | 'only-a' | 'only-b'
export type CompareChange = 'added' | 'removed' | 'slower' | 'faster' | 'same'

export interface CompareSide {
  /** index into that trace's spans */
  spanIndex: number
  durationMs: number
  /** spans in this node's subtree in that trace, itself included */
  subtreeSpanCount: number
}

/** One node of the merged tree, in display (depth-first) order. */
export interface CompareRow {
  depth: number
  /** row index of the parent, -1 for roots */
  parentRow: number
  serviceName: string
  name: string
  presence: ComparePresence
  a: CompareSide | null
  b: CompareSide | null
  /** B − A; null unless in both */
  deltaMs: number | null
  /** (B − A) / A × 100; null unless in both or when A took 0 ms */
  deltaPercent: number | null
  change: CompareChange
}

export interface CompareSummary {
  onlyInA: number
  onlyInB: number
  matched: number
  durationMsA: number
  durationMsB: number
  deltaMs: number
  /** null when A took 0 ms */
  deltaPercent: number | null
}

export interface TraceComparison {
  traceIdA: string
  traceIdB: string
  rows: CompareRow[]
  summary: CompareSummary
}

export interface CompareOptions {
  minChangeShare?: number
  minChangeMs?: number
}

const keyOf = (span: CompareInputSpan) => `${span.serviceName}\u0000${span.name}`

/** Display positions of the children of `position` (-1: the roots), in sibling order. */
function childPositions(tree: SpanTree, position: number): number[] {
  const children: number[] = []
  const end = position < 0 ? tree.spanIndex.length : position + tree.subtreeSize[position]!
  for (let child = position + 1; child < end; child += tree.subtreeSize[child]!) children.push(child)
  return children
}

function changeOf(aMs: number, bMs: number, minShare: number, minMs: number): CompareChange {
  const delta = bMs - aMs
  if (Math.abs(delta) < minMs) return 'same'
  if (aMs > 0 && Math.abs(delta) / aMs < minShare) return 'same'
  return delta > 0 ? 'slower' : 'faster'
}

const percentOf = (delta: number, base: number) => (base > 0 ? (delta / base) * 100 : null)

/**
 * Merges two traces into one tree of rows:
 *
 *   A                      B                        merged
 *   web checkout 100       web checkout 180         web checkout       both, +80 ms
 *   ├─ api load 20         ├─ api load 20           ├─ api load        both, same
 *   ├─ api load 10         ├─ pay charge 110        ├─ api load        only in A (B has one `api load`)
 *   └─ pay charge 30       └─ mail receipt 5        ├─ pay charge      both, slower
 *                                                   └─ mail receipt    only in B
 *
 * Roots are matched like siblings. A node only in one trace brings its whole subtree with it, as only in that trace.
 * Siblings are shown in A's order, each B-only sibling right after the B sibling that precedes it in B.
 */
export function compareTraces(traceA: CompareInputTrace, traceB: CompareInputTrace, options: CompareOptions = {}): TraceComparison {
  const minShare = options.minChangeShare ?? DEFAULT_MIN_CHANGE_SHARE
  const minMs = options.minChangeMs ?? DEFAULT_MIN_CHANGE_MS
  const treeA = buildSpanTree(traceA.spans)
  const treeB = buildSpanTree(traceB.spans)
  const rows: CompareRow[] = []
  const summary: CompareSummary = {
    onlyInA: 0,
    onlyInB: 0,
    matched: 0,
    durationMsA: traceA.durationMs,
    durationMsB: traceB.durationMs,
    deltaMs: traceB.durationMs - traceA.durationMs,
    deltaPercent: percentOf(traceB.durationMs - traceA.durationMs, traceA.durationMs),
  }

  const side = (trace: CompareInputTrace, tree: SpanTree, position: number): CompareSide => {
    const spanIndex = tree.spanIndex[position]!
    return { spanIndex, durationMs: trace.spans[spanIndex]!.durationMs, subtreeSpanCount: tree.subtreeSize[position]! }
  }

  /** Emits the subtree at `position` of one trace as rows present only there (already in depth-first order). */
  const emitOnly = (which: 'a' | 'b', position: number, depth: number, parentRow: number) => {
    const trace = which === 'a' ? traceA : traceB
    const tree = which === 'a' ? treeA : treeB
    const baseDepth = tree.depth[position]!
    const firstRow = rows.length
    const end = position + tree.subtreeSize[position]!
    for (let current = position; current < end; current += 1) {
      const span = trace.spans[tree.spanIndex[current]!]!
      const parentPosition = tree.parentPosition[current]!
      const only = side(trace, tree, current)
      rows.push({
        depth: depth + tree.depth[current]! - baseDepth,
        parentRow: current === position ? parentRow : firstRow + (parentPosition - position),
        serviceName: span.serviceName,
        name: span.name,
        presence: which === 'a' ? 'only-a' : 'only-b',
        a: which === 'a' ? only : null,
        b: which === 'b' ? only : null,
        deltaMs: null,
        deltaPercent: null,
        change: which === 'a' ? 'removed' : 'added',
      })
    }
    if (which === 'a') summary.onlyInA += end - position
    else summary.onlyInB += end - position
  }

  // work items: a pair of positions (either may be -1: only in one trace), the depth and the parent row
  type Work = { a: number; b: number; depth: number; parentRow: number }
  /** The merged children of a matched pair (-1, -1: the roots), in display order. */
  const mergedChildren = (positionA: number, positionB: number, depth: number, parentRow: number): Work[] => {
    const childrenA = childPositions(treeA, positionA)
    const childrenB = childPositions(treeB, positionB)
    // B's children by key, in start order; each A child takes the first one left with its key
    const waiting = new Map<string, number[]>()
    for (let rank = 0; rank < childrenB.length; rank += 1) {
      const key = keyOf(traceB.spans[treeB.spanIndex[childrenB[rank]!]!]!)
      const list = waiting.get(key)
      if (list) list.push(rank)
      else waiting.set(key, [rank])
    }
    const taken = new Uint8Array(childrenB.length)
    const head = new Map<string, number>()
    const matchOf = childrenA.map((childA) => {
      const key = keyOf(traceA.spans[treeA.spanIndex[childA]!]!)
      const list = waiting.get(key)
      const at = head.get(key) ?? 0
      if (!list || at >= list.length) return -1
      head.set(key, at + 1)
      taken[list[at]!] = 1
      return list[at]!
    })
    // each B-only sibling goes right after the matched B sibling before it in B (before all others when there is none)
    const work: Work[] = []
    const followers = new Map<number, number[]>()
    let lastMatched = -1
    for (let rankB = 0; rankB < childrenB.length; rankB += 1) {
      if (taken[rankB]) lastMatched = rankB
      else if (lastMatched < 0) work.push({ a: -1, b: childrenB[rankB]!, depth, parentRow })
      else {
        const list = followers.get(lastMatched)
        if (list) list.push(rankB)
        else followers.set(lastMatched, [rankB])
      }
    }
    childrenA.forEach((childA, rankA) => {
      const rankB = matchOf[rankA]!
      work.push({ a: childA, b: rankB < 0 ? -1 : childrenB[rankB]!, depth, parentRow })
      for (const follower of (rankB < 0 ? undefined : followers.get(rankB)) ?? []) work.push({ a: -1, b: childrenB[follower]!, depth, parentRow })
    })
    return work
  }

  const stack: Work[] = mergedChildren(-1, -1, 0, -1).reverse()
  while (stack.length > 0) {
    const item = stack.pop()!
    if (item.b < 0) {
      emitOnly('a', item.a, item.depth, item.parentRow)
      continue
    }
    if (item.a < 0) {
      emitOnly('b', item.b, item.depth, item.parentRow)
      continue
    }
    const a = side(traceA, treeA, item.a)
    const b = side(traceB, treeB, item.b)
    const span = traceA.spans[a.spanIndex]!
    const deltaMs = b.durationMs - a.durationMs
    const row = rows.length
    rows.push({
      depth: item.depth,
      parentRow: item.parentRow,
      serviceName: span.serviceName,
      name: span.name,
      presence: 'both',
      a,
      b,
      deltaMs,
      deltaPercent: percentOf(deltaMs, a.durationMs),
      change: changeOf(a.durationMs, b.durationMs, minShare, minMs),
    })
    summary.matched += 1
    const children = mergedChildren(item.a, item.b, item.depth + 1, row)
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]!)
  }
  return { traceIdA: traceA.traceId, traceIdB: traceB.traceId, rows, summary }
}

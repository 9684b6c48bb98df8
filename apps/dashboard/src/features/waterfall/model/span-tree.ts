// The waterfall's tree as flat arrays in display (depth-first) order, built without recursion so
// deep chains of 10,000 spans cannot overflow the stack.

export interface TreeInputSpan {
  spanId: string
  parentSpanId: string | null
}

export interface SpanTree {
  /** display position → index into the spans array */
  spanIndex: number[]
  /** display position → depth (roots are 0) */
  depth: number[]
  /** display position → size of the subtree rooted there, itself included */
  subtreeSize: number[]
  /** display position → display position of the parent, or -1 for roots */
  parentPosition: number[]
  /** display position → true when the span names a parent that is not in the trace */
  orphan: boolean[]
  /** span index → display position */
  positionOfSpan: number[]
}

/**
 * Orders spans parent-before-children, siblings in input order (pass spans sorted by start time).
 * Spans whose parent is missing become roots marked `orphan`; spans caught in a parent cycle are shown as roots too.
 *
 *   a            a (0)
 *   ├─ b    →    b (1)  c (2)  d (1)
 *   │  └─ c
 *   └─ d
 */
export function buildSpanTree(spans: readonly TreeInputSpan[]): SpanTree {
  const count = spans.length
  const indexById = new Map<string, number>()
  spans.forEach((span, index) => {
    if (!indexById.has(span.spanId)) indexById.set(span.spanId, index)
  })
  const children: number[][] = Array.from({ length: count }, () => [])
  const roots: number[] = []
  const isOrphan = new Array<boolean>(count).fill(false)
  spans.forEach((span, index) => {
    const parentIndex = span.parentSpanId === null ? undefined : indexById.get(span.parentSpanId)
    if (parentIndex === undefined || parentIndex === index) {
      roots.push(index)
      isOrphan[index] = span.parentSpanId !== null
    } else {
      children[parentIndex]!.push(index)
    }
  })

  const tree: SpanTree = { spanIndex: [], depth: [], subtreeSize: [], parentPosition: [], orphan: [], positionOfSpan: new Array<number>(count).fill(-1) }
  const visit = (rootIndex: number) => {
    const stack: { index: number; depth: number; parentPosition: number }[] = [{ index: rootIndex, depth: 0, parentPosition: -1 }]
    while (stack.length > 0) {
      const entry = stack.pop()!
      if (tree.positionOfSpan[entry.index] !== -1) continue
      const position = tree.spanIndex.length
      tree.positionOfSpan[entry.index] = position
      tree.spanIndex.push(entry.index)
      tree.depth.push(entry.depth)
      tree.subtreeSize.push(1)
      tree.parentPosition.push(entry.parentPosition)
      tree.orphan.push(entry.parentPosition === -1 && isOrphan[entry.index]!)
      const kids = children[entry.index]!
      for (let k = kids.length - 1; k >= 0; k -= 1) stack.push({ index: kids[k]!, depth: entry.depth + 1, parentPosition: position })
    }
  }
  for (const root of roots) visit(root)
  // spans in a parent cycle are not reachable from any root
  for (let index = 0; index < count; index += 1) if (tree.positionOfSpan[index] === -1) visit(index)

  for (let position = tree.spanIndex.length - 1; position > 0; position -= 1) {
    const parent = tree.parentPosition[position]!
    if (parent >= 0) tree.subtreeSize[parent]! += tree.subtreeSize[position]!
  }
  return tree
}

/** Display positions that are visible when the given positions are collapsed (their descendants are hidden). */
export function visibleRows(tree: SpanTree, collapsed: ReadonlySet<number>): number[] {
  const rows: number[] = []
  const total = tree.spanIndex.length
  let position = 0
  while (position < total) {
    rows.push(position)
    position += collapsed.has(position) ? tree.subtreeSize[position]! : 1
  }
  return rows
}

/** Positions of every ancestor of a position, nearest first (to expand them when a hidden span is selected). */
export function ancestorsOf(tree: SpanTree, position: number): number[] {
  const result: number[] = []
  for (let parent = tree.parentPosition[position] ?? -1; parent >= 0; parent = tree.parentPosition[parent]!) result.push(parent)
  return result
}

/** Positions that have children (to collapse everything below a depth). */
export function positionsWithChildrenAtDepth(tree: SpanTree, minDepth: number): number[] {
  const result: number[] = []
  for (let position = 0; position < tree.spanIndex.length; position += 1) {
    if (tree.subtreeSize[position]! > 1 && tree.depth[position]! >= minDepth) result.push(position)
  }
  return result
}

// The waterfall's tree as flat arrays in display (depth-first) order, built without recursion so
// deep chains of 10,000 spans cannot overflow the stack.

export interface TreeInputSpan {
  spanId: string
  parentSpanId: string | null
  /** when given, siblings are ordered by it, then by span id (see `siblingOrder`) */
  startOffsetMs?: number
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
 * The order siblings are shown in: by start time (ns precision, as ms from the trace's start), then by span id, the
 * store's own order, so spans that start in the same millisecond keep their execution order and a tie is broken the
 * same way on every load and by every source (Jaeger and Tempo answer in their own orders). Returns input indexes;
 * the input order when spans carry no start or are already in this order (the store's case: no sort, O(n)).
 */
export function siblingOrder(spans: readonly TreeInputSpan[]): ArrayLike<number> {
  const count = spans.length
  const order = new Int32Array(count)
  for (let index = 0; index < count; index += 1) order[index] = index
  if (count === 0 || spans[0]!.startOffsetMs === undefined) return order
  const before = (a: TreeInputSpan, b: TreeInputSpan) => {
    const delta = (a.startOffsetMs ?? 0) - (b.startOffsetMs ?? 0)
    return delta !== 0 ? delta : a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0
  }
  let sorted = true
  for (let index = 1; index < count && sorted; index += 1) if (before(spans[index - 1]!, spans[index]!) > 0) sorted = false
  if (!sorted) order.sort((a, b) => before(spans[a]!, spans[b]!))
  return order
}

/**
 * Orders spans parent-before-children, siblings by `siblingOrder` (start time, then span id).
 * Spans whose parent is missing become roots marked `orphan`; spans caught in a parent cycle are shown as roots too.
 *
 *   a            a (0)
 *   ├─ b    →    b (1)  c (2)  d (1)
 *   │  └─ c
 *   └─ d
 */
export function buildSpanTree(spans: readonly TreeInputSpan[]): SpanTree {
  // Runs on the main thread before the first rows of a 10,000-span trace are painted: children are kept in flat
  // typed arrays (counting sort by parent) rather than an array per span, and the walk's stack holds numbers.
  const count = spans.length
  const indexById = new Map<string, number>()
  for (let index = 0; index < count; index += 1) {
    const spanId = spans[index]!.spanId
    if (!indexById.has(spanId)) indexById.set(spanId, index)
  }
  const order = siblingOrder(spans)
  const parentOf = new Int32Array(count)
  const childCount = new Int32Array(count)
  const roots: number[] = []
  const isOrphan = new Uint8Array(count)
  for (let rank = 0; rank < count; rank += 1) {
    const index = order[rank]!
    const parentSpanId = spans[index]!.parentSpanId
    const parentIndex = parentSpanId === null ? undefined : indexById.get(parentSpanId)
    if (parentIndex === undefined || parentIndex === index) {
      parentOf[index] = -1
      roots.push(index)
      isOrphan[index] = parentSpanId === null ? 0 : 1
    } else {
      parentOf[index] = parentIndex
      childCount[parentIndex]! += 1
    }
  }
  // children of span i are childList[childStart[i] .. childStart[i + 1]), in sibling order
  const childStart = new Int32Array(count + 1)
  for (let index = 0; index < count; index += 1) childStart[index + 1] = childStart[index]! + childCount[index]!
  const childList = new Int32Array(count)
  const cursor = childStart.slice(0, count)
  for (let rank = 0; rank < count; rank += 1) {
    const index = order[rank]!
    const parent = parentOf[index]!
    if (parent >= 0) childList[cursor[parent]!++] = index
  }

  const tree: SpanTree = { spanIndex: [], depth: [], subtreeSize: [], parentPosition: [], orphan: [], positionOfSpan: new Array<number>(count).fill(-1) }
  // each span is pushed once by its parent and at most once more as the start of a walk
  const stackIndex: number[] = []
  const stackDepth: number[] = []
  const stackParent: number[] = []
  const visit = (rootIndex: number) => {
    stackIndex.push(rootIndex)
    stackDepth.push(0)
    stackParent.push(-1)
    while (stackIndex.length > 0) {
      const index = stackIndex.pop()!
      const depth = stackDepth.pop()!
      const parentPosition = stackParent.pop()!
      if (tree.positionOfSpan[index] !== -1) continue
      const position = tree.spanIndex.length
      tree.positionOfSpan[index] = position
      tree.spanIndex.push(index)
      tree.depth.push(depth)
      tree.subtreeSize.push(1)
      tree.parentPosition.push(parentPosition)
      tree.orphan.push(parentPosition === -1 && isOrphan[index] === 1)
      for (let k = childStart[index + 1]! - 1; k >= childStart[index]!; k -= 1) {
        stackIndex.push(childList[k]!)
        stackDepth.push(depth + 1)
        stackParent.push(position)
      }
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

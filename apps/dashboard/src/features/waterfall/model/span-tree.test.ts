import { describe, expect, it } from 'vitest'
import { ancestorsOf, buildSpanTree, siblingOrder, visibleRows } from './span-tree'

const makeSpan = (spanId: string, parentSpanId: string | null = null) => ({ spanId, parentSpanId })

describe('buildSpanTree', () => {
  //   a
  //   ├─ b
  //   │  └─ c
  //   └─ d
  const spans = [makeSpan('a'), makeSpan('b', 'a'), makeSpan('d', 'a'), makeSpan('c', 'b')]

  it('orders parents before children, siblings in input order, with depths and subtree sizes', () => {
    const tree = buildSpanTree(spans)
    expect(tree.spanIndex.map((index) => spans[index]!.spanId)).toEqual(['a', 'b', 'c', 'd'])
    expect(tree.depth).toEqual([0, 1, 2, 1])
    expect(tree.subtreeSize).toEqual([4, 2, 1, 1])
    expect(tree.parentPosition).toEqual([-1, 0, 1, 0])
    expect(tree.positionOfSpan).toEqual([0, 1, 3, 2])
  })

  it('shows spans whose parent is missing as roots marked orphan', () => {
    const tree = buildSpanTree([makeSpan('a'), makeSpan('x', 'missing'), makeSpan('y', 'x')])
    expect(tree.depth).toEqual([0, 0, 1])
    expect(tree.orphan).toEqual([false, true, false])
  })

  it('survives parent cycles and self-parents without looping', () => {
    const tree = buildSpanTree([makeSpan('a', 'b'), makeSpan('b', 'a'), makeSpan('s', 's')])
    expect(tree.spanIndex.length).toBe(3)
    expect(new Set(tree.spanIndex)).toEqual(new Set([0, 1, 2]))
  })

  it('orders a random forest exactly like a recursive depth-first walk', () => {
    let seed = 7
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const forest = Array.from({ length: 500 }, (_, index) => makeSpan(`s${index}`, index === 0 || random() < 0.05 ? null : `s${Math.floor(random() * index)}`))
    const expected: { index: number; depth: number }[] = []
    const walk = (index: number, depth: number) => {
      expected.push({ index, depth })
      forest.forEach((span, child) => span.parentSpanId === forest[index]!.spanId && walk(child, depth + 1))
    }
    forest.forEach((span, index) => span.parentSpanId === null && walk(index, 0))
    const tree = buildSpanTree(forest)
    expect(tree.spanIndex).toEqual(expected.map((entry) => entry.index))
    expect(tree.depth).toEqual(expected.map((entry) => entry.depth))
    tree.spanIndex.forEach((index, position) => expect(tree.positionOfSpan[index]).toBe(position))
  })

  it('orders siblings that start in the same millisecond by start in ns, then by span id', () => {
    //   root
    //   ├─ late   starts at 1.000002 ms (listed first, as a source that orders by ms would)
    //   ├─ b      starts at 1.000001 ms
    //   └─ a      starts at 1.000001 ms: same ns as b, span id a < b
    const spans = [
      { spanId: 'root', parentSpanId: null, startOffsetMs: 0 },
      { spanId: 'late', parentSpanId: 'root', startOffsetMs: 1.000002 },
      { spanId: 'b', parentSpanId: 'root', startOffsetMs: 1.000001 },
      { spanId: 'a', parentSpanId: 'root', startOffsetMs: 1.000001 },
    ]
    const tree = buildSpanTree(spans)
    expect(tree.spanIndex.map((index) => spans[index]!.spanId)).toEqual(['root', 'a', 'b', 'late'])
    expect(siblingOrder(spans)).toEqual(new Int32Array([0, 3, 2, 1]))
  })

  it('keeps the input order when it already is the sibling order (no sort)', () => {
    const spans = [
      { spanId: 'b', parentSpanId: null, startOffsetMs: 0 },
      { spanId: 'a', parentSpanId: 'b', startOffsetMs: 1 },
    ]
    expect(siblingOrder(spans)).toEqual(new Int32Array([0, 1]))
  })

  it('builds a 10,000-deep chain without overflowing the stack', () => {
    const chain = Array.from({ length: 10_000 }, (_, index) => makeSpan(`s${index}`, index === 0 ? null : `s${index - 1}`))
    const tree = buildSpanTree(chain)
    expect(tree.depth[9_999]).toBe(9_999)
    expect(tree.subtreeSize[0]).toBe(10_000)
  })
})

describe('visibleRows', () => {
  const tree = buildSpanTree([makeSpan('a'), makeSpan('b', 'a'), makeSpan('d', 'a'), makeSpan('c', 'b')])

  it('shows every row when nothing is collapsed', () => {
    expect(visibleRows(tree, new Set())).toEqual([0, 1, 2, 3])
  })

  it('hides the descendants of collapsed rows but keeps the rows themselves', () => {
    expect(visibleRows(tree, new Set([1]))).toEqual([0, 1, 3])
    expect(visibleRows(tree, new Set([0]))).toEqual([0])
  })

  it('lists ancestors nearest first', () => {
    expect(ancestorsOf(tree, 2)).toEqual([1, 0])
    expect(ancestorsOf(tree, 0)).toEqual([])
  })
})

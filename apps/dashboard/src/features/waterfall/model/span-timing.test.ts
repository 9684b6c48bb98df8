import { describe, expect, it } from 'vitest'
import { buildSpanTree } from './span-tree'
import { criticalPath, selfTimeByService, selfTimes } from './span-timing'

const makeSpan = (spanId: string, parentSpanId: string | null, startOffsetMs: number, endMs: number, serviceName = 'api') => ({
  spanId,
  parentSpanId,
  startOffsetMs,
  durationMs: endMs - startOffsetMs,
  serviceName,
})
type Span = ReturnType<typeof makeSpan>

/** segment list as "id start-end" strings, latest first */
function pathOf(spans: Span[]) {
  const tree = buildSpanTree(spans)
  return criticalPath(spans, tree).segments.map((segment) => `${spans[tree.spanIndex[segment.position]!]!.spanId} ${segment.startMs}-${segment.endMs}`)
}
function selfOf(spans: Span[]) {
  const tree = buildSpanTree(spans)
  const self = selfTimes(spans, tree)
  return Object.fromEntries(spans.map((span, index) => [span.spanId, self[tree.positionOfSpan[index]!]]))
}

/** n spans in a random tree (each span's parent is an earlier span), children inside their parents */
function generatedTrace(count: number, seed = 1): Span[] {
  let state = seed
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648
  const spans: Span[] = [makeSpan('s0', null, 0, 100_000)]
  for (let index = 1; index < count; index += 1) {
    const parent = spans[Math.floor(random() * index)]!
    const parentEnd = parent.startOffsetMs + parent.durationMs
    const start = parent.startOffsetMs + random() * (parentEnd - parent.startOffsetMs)
    // some children outlive their parent (clock skew): they are clipped
    const end = random() < 0.05 ? parentEnd + random() * 10 : start + random() * (parentEnd - start)
    spans.push(makeSpan(`s${index}`, parent.spanId, start, end, `svc${index % 7}`))
  }
  return spans
}

describe('selfTimes', () => {
  it('subtracts the union of overlapping children', () => {
    //   ms  0    2    4    6    8    10
    //   a   |=========================|   10 ms
    //   b        |======|                 2–5
    //   c           |======|              3–6: b ∪ c = 2–6, 4 ms → a's self time 6 ms
    const spans = [makeSpan('a', null, 0, 10), makeSpan('b', 'a', 2, 5), makeSpan('c', 'a', 3, 6)]
    expect(selfOf(spans)).toEqual({ a: 6, b: 3, c: 3 })
  })

  it('clips children to the span, and a child covering all of it leaves no self time', () => {
    //   a       |==========|        2–8
    //   b   |=======|               0–4: counts 2–4
    //   c                |======|   7–12: counts 7–8
    //   d   |==================|    0–12 under e (a sibling of a): e's self time is 0
    const spans = [makeSpan('a', null, 2, 8), makeSpan('b', 'a', 0, 4), makeSpan('c', 'a', 7, 12), makeSpan('e', null, 0, 10), makeSpan('d', 'e', 0, 12)]
    expect(selfOf(spans)).toMatchObject({ a: 3, e: 0 })
  })

  it('sums self time per service, largest first', () => {
    const spans = [makeSpan('a', null, 0, 10, 'web'), makeSpan('b', 'a', 0, 8, 'api'), makeSpan('c', 'b', 0, 2, 'db')]
    const tree = buildSpanTree(spans)
    const rows = selfTimeByService(spans, tree, selfTimes(spans, tree))
    expect(rows.map((row) => [row.serviceName, row.selfTimeMs, row.spanCount])).toEqual([
      ['api', 6, 1],
      ['db', 2, 1],
      ['web', 2, 1],
    ])
    expect(rows.reduce((sum, row) => sum + row.share, 0)).toBeCloseTo(1)
  })

  it('handles a 100,000-span trace and a 100,000-deep chain', () => {
    const spans = generatedTrace(100_000)
    const tree = buildSpanTree(spans)
    const self = selfTimes(spans, tree)
    // the root's self time plus the clipped time of its children is its duration: spot-check against a brute force
    for (const position of [0, 1, 500, 99_999]) {
      const span = spans[tree.spanIndex[position]!]!
      const covered: boolean[] = []
      const stop = position + tree.subtreeSize[position]!
      for (let child = position + 1; child < stop; child += tree.subtreeSize[child]!) {
        const c = spans[tree.spanIndex[child]!]!
        for (let ms = Math.ceil(c.startOffsetMs * 10); ms < (c.startOffsetMs + c.durationMs) * 10; ms += 1) covered[ms] = true
      }
      let free = 0
      for (let ms = Math.ceil(span.startOffsetMs * 10); ms < (span.startOffsetMs + span.durationMs) * 10; ms += 1) if (!covered[ms]) free += 1
      expect(self[position]! * 10).toBeCloseTo(free, -1.5)
    }
    const chain = Array.from({ length: 100_000 }, (_, index) => makeSpan(`c${index}`, index === 0 ? null : `c${index - 1}`, index, 200_000 - index))
    const chainSelf = selfTimes(chain, buildSpanTree(chain))
    expect(chainSelf[0]).toBe(2)
    expect(chainSelf[99_999]).toBe(200_000 - 2 * 99_999)
  })
})

describe('criticalPath', () => {
  it('walks back from the end through the last-finishing children', () => {
    //   ms   0    2    4    6    8    10
    //   root |=========================|
    //   a      |=======|                    1–4
    //   b                 |==========|      5–9
    //   c                   |=====|         6–8, b's child
    const spans = [makeSpan('root', null, 0, 10), makeSpan('a', 'root', 1, 4), makeSpan('b', 'root', 5, 9), makeSpan('c', 'b', 6, 8)]
    expect(pathOf(spans)).toEqual(['root 9-10', 'b 8-9', 'c 6-8', 'b 5-6', 'root 4-5', 'a 1-4', 'root 0-1'])
  })

  it('skips a child that overlaps one already on the path and takes the one it waited on', () => {
    //   ms   0    2    4    6    8    10
    //   root |=========================|
    //   a    |============|                 0–5
    //   b            |==============|      3–9: last to finish, so critical 3–9
    //   a ends at 5, after b started: the walk returns to root at 3 and takes nothing before it but root
    const spans = [makeSpan('root', null, 0, 10), makeSpan('a', 'root', 0, 5), makeSpan('b', 'root', 3, 9)]
    expect(pathOf(spans)).toEqual(['root 9-10', 'b 3-9', 'root 0-3'])
  })

  it('clips children that outlive their parent', () => {
    //   ms   0    2    4    6    8    10   12
    //   root |=========================|
    //   a                   |===============|  6–12, clipped to 6–10
    const spans = [makeSpan('root', null, 0, 10), makeSpan('a', 'root', 6, 12)]
    expect(pathOf(spans)).toEqual(['a 6-10', 'root 0-6'])
  })

  it('starts from the root that ends last', () => {
    const spans = [makeSpan('early', null, 0, 3), makeSpan('late', null, 1, 8)]
    expect(pathOf(spans)).toEqual(['late 1-8'])
  })

  it('tiles the root on a 100,000-span trace and a 100,000-deep chain, without recursion', () => {
    for (const spans of [
      generatedTrace(100_000, 7),
      Array.from({ length: 100_000 }, (_, i) => makeSpan(`c${i}`, i === 0 ? null : `c${i - 1}`, i, 200_000 - i)),
    ]) {
      const tree = buildSpanTree(spans)
      const { segments } = criticalPath(spans, tree)
      // consecutive segments meet, from the root's end back to its start
      expect(segments[0]!.endMs).toBe(spans[0]!.durationMs + spans[0]!.startOffsetMs)
      expect(segments.at(-1)!.startMs).toBe(spans[0]!.startOffsetMs)
      for (let index = 1; index < segments.length; index += 1) expect(segments[index]!.endMs).toBe(segments[index - 1]!.startMs)
    }
  })
})

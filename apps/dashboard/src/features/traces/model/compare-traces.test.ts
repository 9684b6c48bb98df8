import { describe, expect, it } from 'vitest'
import { compareTraces, type CompareInputSpan, type CompareInputTrace } from './compare-traces'

let nextId = 0
const makeSpan = (overrides: Partial<CompareInputSpan> & { spanId: string }): CompareInputSpan => ({
  parentSpanId: null,
  name: 'span',
  serviceName: 'svc',
  durationMs: 10,
  ...overrides,
})
/** `[spanId, parentSpanId, service, name, durationMs]`, in start order */
const makeTrace = (rows: [string, string | null, string, string, number][], durationMs = rows[0]?.[4] ?? 0): CompareInputTrace => ({
  traceId: `t${(nextId += 1)}`,
  durationMs,
  spans: rows.map(([spanId, parentSpanId, serviceName, name, ms]) => makeSpan({ spanId, parentSpanId, serviceName, name, durationMs: ms })),
})
const shape = (rows: ReturnType<typeof compareTraces>['rows']) => rows.map((row) => `${'  '.repeat(row.depth)}${row.name} ${row.presence} ${row.change}`)

describe('compareTraces', () => {
  //   A                      B                        merged
  //   web checkout 100       web checkout 180         checkout       both, slower
  //   ├─ api load 20         ├─ api load 20           ├─ load        both, same
  //   ├─ api load 10         ├─ pay charge 110        ├─ load        only in A (B has one `api load`)
  //   │  └─ db select 5      └─ mail receipt 5        │  └─ select  only in A (with its parent)
  //   └─ pay charge 30                                ├─ charge      both, slower
  //                                                   └─ receipt     only in B
  const a = makeTrace([
    ['r', null, 'web', 'checkout', 100],
    ['l1', 'r', 'api', 'load', 20],
    ['l2', 'r', 'api', 'load', 10],
    ['q', 'l2', 'db', 'select', 5],
    ['c', 'r', 'pay', 'charge', 30],
  ])
  const b = makeTrace([
    ['R', null, 'web', 'checkout', 180],
    ['L', 'R', 'api', 'load', 20],
    ['C', 'R', 'pay', 'charge', 110],
    ['M', 'R', 'mail', 'receipt', 5],
  ])

  it('merges both trees: matched spans, a subtree only in A, a span only in B', () => {
    const result = compareTraces(a, b)
    expect(shape(result.rows)).toEqual([
      'checkout both slower',
      '  load both same',
      '  load only-a removed',
      '    select only-a removed',
      '  charge both slower',
      '  receipt only-b added',
    ])
    expect(result.rows.map((row) => row.parentRow)).toEqual([-1, 0, 0, 2, 0, 0])
  })

  it('gives durations in A and B, the difference in ms and percent, and subtree counts', () => {
    const charge = compareTraces(a, b).rows[4]!
    expect(charge.a).toEqual({ spanIndex: 4, durationMs: 30, subtreeSpanCount: 1 })
    expect(charge.b).toEqual({ spanIndex: 2, durationMs: 110, subtreeSpanCount: 1 })
    expect(charge.deltaMs).toBe(80)
    expect(charge.deltaPercent).toBeCloseTo(266.667, 2)
    const root = compareTraces(a, b).rows[0]!
    expect(root.a?.subtreeSpanCount).toBe(5)
    expect(root.b?.subtreeSpanCount).toBe(4)
    const receipt = compareTraces(a, b).rows[5]!
    expect(receipt.a).toBeNull()
    expect(receipt.deltaMs).toBeNull()
    expect(receipt.deltaPercent).toBeNull()
  })

  it('sums up spans only in A, only in B, matched, and the total durations', () => {
    expect(compareTraces(a, b).summary).toEqual({
      onlyInA: 2,
      onlyInB: 1,
      matched: 3,
      durationMsA: 100,
      durationMsB: 180,
      deltaMs: 80,
      deltaPercent: 80,
    })
  })

  it('is symmetric: swapping A and B swaps only-in-A with only-in-B and the sign of the difference', () => {
    const swapped = compareTraces(b, a)
    expect(swapped.summary).toMatchObject({ onlyInA: 1, onlyInB: 2, matched: 3, deltaMs: -80 })
    expect(swapped.rows.find((row) => row.name === 'charge')).toMatchObject({ change: 'faster', deltaMs: -80 })
  })

  //   A              B
  //   root           root
  //   ├─ x (1)       ├─ y (7)
  //   └─ y (2)       ├─ z (8)     z only in B, shown after y, the B sibling before it
  //                  └─ x (9)
  it('matches siblings by key whatever their order, and places B-only siblings after their B predecessor', () => {
    const ta = makeTrace([
      ['r', null, 's', 'root', 10],
      ['x', 'r', 's', 'x', 1],
      ['y', 'r', 's', 'y', 2],
    ])
    const tb = makeTrace([
      ['r', null, 's', 'root', 10],
      ['y', 'r', 's', 'y', 7],
      ['z', 'r', 's', 'z', 8],
      ['x', 'r', 's', 'x', 9],
    ])
    const rows = compareTraces(ta, tb).rows
    expect(rows.map((row) => `${row.name}:${row.presence}`)).toEqual(['root:both', 'x:both', 'y:both', 'z:only-b'])
    expect(rows.map((row) => row.b?.durationMs ?? null)).toEqual([10, 9, 7, 8])
  })

  it('pairs siblings with the same key in start order and tells apart services with the same span name', () => {
    //   A: root ── GET (api, 1), GET (api, 2), GET (web, 3)      B: root ── GET (api, 5), GET (web, 6)
    const ta = makeTrace([
      ['r', null, 's', 'root', 10],
      ['g1', 'r', 'api', 'GET', 1],
      ['g2', 'r', 'api', 'GET', 2],
      ['g3', 'r', 'web', 'GET', 3],
    ])
    const tb = makeTrace([
      ['r', null, 's', 'root', 10],
      ['h1', 'r', 'api', 'GET', 5],
      ['h2', 'r', 'web', 'GET', 6],
    ])
    const rows = compareTraces(ta, tb).rows.slice(1)
    expect(rows.map((row) => [row.serviceName, row.presence, row.a?.durationMs ?? null, row.b?.durationMs ?? null])).toEqual([
      ['api', 'both', 1, 5],
      ['api', 'only-a', 2, null],
      ['web', 'both', 3, 6],
    ])
  })

  it('matches roots (orphans included) like siblings, and counts small changes as the same', () => {
    const ta = makeTrace([
      ['r', null, 's', 'root', 100],
      ['o', 'gone', 's', 'late', 10],
    ])
    const tb = makeTrace([
      ['r', null, 's', 'root', 105],
      ['o', 'missing', 's', 'late', 10.2],
    ])
    const rows = compareTraces(ta, tb).rows
    expect(rows.map((row) => [row.name, row.depth, row.presence, row.change])).toEqual([
      ['root', 0, 'both', 'same'],
      ['late', 0, 'both', 'same'],
    ])
    expect(compareTraces(ta, tb, { minChangeShare: 0.01 }).rows[0]!.change).toBe('slower')
  })

  it('compares two empty traces, and an empty trace with one', () => {
    expect(compareTraces(makeTrace([]), makeTrace([])).rows).toEqual([])
    const result = compareTraces(makeTrace([]), makeTrace([['r', null, 's', 'root', 1]]))
    expect(result.summary).toMatchObject({ onlyInA: 0, onlyInB: 1, matched: 0 })
  })

  it('compares a pair of 20,000-span traces, one a 10,000-deep chain, without recursion', () => {
    const chain = (count: number, durationOf: (index: number) => number): CompareInputTrace => ({
      traceId: 'chain',
      durationMs: durationOf(0),
      spans: Array.from({ length: count }, (_, index) =>
        makeSpan({ spanId: `c${index}`, parentSpanId: index === 0 ? null : `c${index - 1}`, name: `step ${index % 7}`, durationMs: durationOf(index) }),
      ),
    })
    // 10,000-deep chain plus 10,000 leaves under the root (and B has one leaf fewer and a longer chain)
    const wide = (trace: CompareInputTrace, leaves: number): CompareInputTrace => ({
      ...trace,
      spans: [
        ...trace.spans,
        ...Array.from({ length: leaves }, (_, index) => makeSpan({ spanId: `l${index}`, parentSpanId: 'c0', name: 'leaf', durationMs: 1 })),
      ],
    })
    const ta = wide(
      chain(10_000, (index) => 20_000 - index),
      10_000,
    )
    const tb = wide(
      chain(10_001, (index) => 30_000 - index),
      9_999,
    )
    expect(ta.spans.length).toBe(20_000)
    expect(tb.spans.length).toBe(20_000)
    const started = performance.now()
    const result = compareTraces(ta, tb)
    const elapsedMs = performance.now() - started
    expect(result.summary).toMatchObject({ matched: 19_999, onlyInA: 1, onlyInB: 1 })
    expect(result.rows.length).toBe(20_001)
    expect(result.rows.reduce((deepest, row) => Math.max(deepest, row.depth), 0)).toBe(10_000)
    expect(result.rows.find((row) => row.presence === 'only-b')).toMatchObject({ depth: 10_000, name: 'step 4' })
    expect(result.rows[1]).toMatchObject({ name: 'step 1', change: 'slower', deltaMs: 10_000 })
    expect(elapsedMs).toBeLessThan(2_000)
  })
})

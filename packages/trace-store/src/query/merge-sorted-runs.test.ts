import { describe, expect, it } from 'vitest'
import { mergeSortedRuns } from './merge-sorted-runs.js'

const byNumber = (a: number, b: number) => a - b

describe('mergeSortedRuns', () => {
  it('merges interleaved, disjoint and empty runs into one ordered list', () => {
    expect(mergeSortedRuns([[1, 4, 9], [2, 3, 10], [], [11, 12], [0]], byNumber)).toEqual([0, 1, 2, 3, 4, 9, 10, 11, 12])
    expect(mergeSortedRuns([], byNumber)).toEqual([])
  })

  it('keeps equal items in run order (stable)', () => {
    const items = mergeSortedRuns(
      [
        [{ key: 1, run: 'a' }],
        [
          { key: 1, run: 'b' },
          { key: 0, run: 'b' },
        ].reverse(),
      ],
      (a, b) => a.key - b.key,
    )
    expect(items.map((item) => `${item.key}${item.run}`)).toEqual(['0b', '1a', '1b'])
  })

  it('sorts a run that is out of order before merging it', () => {
    expect(
      mergeSortedRuns(
        [
          [5, 1, 3],
          [2, 4],
        ],
        byNumber,
      ),
    ).toEqual([1, 2, 3, 4, 5])
  })

  it('matches a full sort on random runs', () => {
    for (let round = 0; round < 50; round += 1) {
      const runs = Array.from({ length: 1 + Math.floor(Math.random() * 8) }, () =>
        Array.from({ length: Math.floor(Math.random() * 30) }, () => Math.floor(Math.random() * 100)).sort(byNumber),
      )
      expect(mergeSortedRuns(runs, byNumber)).toEqual(runs.flat().sort(byNumber))
    }
  })
})

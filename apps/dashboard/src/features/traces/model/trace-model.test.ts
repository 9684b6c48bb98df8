import { describe, expect, it } from 'vitest'
import { nanoDiffMs } from './trace-model'

function bigIntDiffMs(start: string, end: string): number {
  const diff = BigInt(end) - BigInt(start)
  return Number(diff / 1_000_000n) + Number(diff % 1_000_000n) / 1e6
}

describe('nanoDiffMs', () => {
  it('gives the BigInt computation\'s number, to the bit, whichever way it takes', () => {
    const pairs: [string, string][] = [
      ['1795615570159000000', '1795615644710000000'],
      ['1795615570159123456', '1795615570159123457'],
      ['1795615644710000000', '1795615570159000000'], // negative
      ['999999999999999999', '1000000000000000001'], // lengths differ
      ['1700000000000000000', '1800000000000000000'], // leading digits differ
      ['0', '2009'],
    ]
    for (const [start, end] of pairs) expect(nanoDiffMs(start, end)).toBe(bigIntDiffMs(start, end))
    for (let index = 0; index < 2000; index += 1) {
      const start = 1_795_615_570_000_000_000n + BigInt(Math.floor(Math.random() * 1e15))
      const end = start + BigInt(Math.floor((Math.random() - 0.2) * 1e13))
      expect(nanoDiffMs(String(start), String(end))).toBe(bigIntDiffMs(String(start), String(end)))
    }
  })
})

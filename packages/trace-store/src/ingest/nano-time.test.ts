import { describe, expect, it } from 'vitest'
import { compareNanoText, durationMsBetween, nanoDiffMs } from './nano-time.js'

describe('unix-ns decimal text', () => {
  it("gives the BigInt computation's number, to the bit, whichever way it takes", () => {
    const pairs: [string, string][] = [
      ['1795615570159000000', '1795615644710000000'], // 74.5 s apart, shared leading digits
      ['1795615570159123456', '1795615570159123457'], // 1 ns
      ['1795615570159123456', '1795615570159123456'], // zero
      ['1795615644710000000', '1795615570159000000'], // negative
      ['999999999999999999', '1000000000000000001'], // lengths differ: BigInt path
      ['1700000000000000000', '1800000000000000000'], // leading digits differ
      ['100', '2009'],
      ['0', '2009'],
      ['0', '123456789012345'],
    ]
    for (const [start, end] of pairs) expect(nanoDiffMs(start, end)).toBe(durationMsBetween(BigInt(start), BigInt(end)))
    for (let index = 0; index < 2000; index += 1) {
      const start = 1_795_615_570_000_000_000n + BigInt(Math.floor(Math.random() * 1e15))
      const end = start + BigInt(Math.floor((Math.random() - 0.2) * 1e13)) // a fifth of them negative
      expect(nanoDiffMs(String(start), String(end))).toBe(durationMsBetween(start, end))
    }
  })

  it('orders times as numbers, not as text', () => {
    expect(['200', '1000', '99', '1000'].sort(compareNanoText)).toEqual(['99', '200', '1000', '1000'])
  })
})

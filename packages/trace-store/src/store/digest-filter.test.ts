import { describe, expect, it } from 'vitest'
import { AttributeDigestBuilder } from '../ingest/attribute-digest.js'
import { addDigestToFilter, chunkIdsOfSegment, FILTER_BYTES, filterBitsOf, segmentOfChunk } from './digest-filter.js'

/** False when no digest given to the filter has `line`; true when one may have it (the probe search-traces.ts runs in SQL). */
function filterMayHold(filter: Uint8Array, line: string): boolean {
  return filterBitsOf(line).every(({ byteIndex, mask }) => (filter[byteIndex]! & mask) !== 0)
}

function digestOf(pairs: string[]): string {
  const builder = new AttributeDigestBuilder()
  builder.addSpan({ searchPairs: pairs, name: 'GET /api', serviceName: 'api' })
  return builder.build()
}

describe('digest filters', () => {
  it('hold every line of the digests given to them, escaped newlines included', () => {
    const filter = new Uint8Array(FILTER_BYTES)
    const lines: string[] = []
    for (let chunk = 0; chunk < 256; chunk += 1) {
      const pairs = ['tenant', `tenant-${chunk}`, 'multi\nline', `value ${chunk}\nnext`, 'http.status_code', String(200 + (chunk % 5))]
      const digest = digestOf(pairs)
      addDigestToFilter(filter, digest)
      lines.push(...digest.split('\n').filter((line) => line !== ''))
    }
    expect(lines).toContain('multi\u0001nline\u001fvalue 7\u0001nnext')
    for (const line of lines) expect(filterMayHold(filter, line)).toBe(true)
  })

  it('rarely claim a line that was never added', () => {
    const filter = new Uint8Array(FILTER_BYTES)
    for (let chunk = 0; chunk < 256; chunk += 1) {
      addDigestToFilter(filter, digestOf(Array.from({ length: 80 }, (_, index) => [`key.${index}`, `value-${chunk}-${index}`]).flat()))
    }
    const absent = Array.from({ length: 10_000 }, (_, index) => `key.${index % 80}\u001fmissing-${index}`)
    const claimed = absent.filter((line) => filterMayHold(filter, line)).length
    // 20,480 distinct lines in the filter: ~0.5% expected
    expect(claimed / absent.length).toBeLessThan(0.02)
  })

  it('number segments by chunk id, 256 chunks each', () => {
    expect(segmentOfChunk(1)).toBe(0)
    expect(segmentOfChunk(255)).toBe(0)
    expect(segmentOfChunk(256)).toBe(1)
    expect(chunkIdsOfSegment(1)).toEqual({ firstId: 256, lastId: 511 })
  })
})

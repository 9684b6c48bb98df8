/// <reference types="node" />
// This test runs in Node (Vitest); the package itself is built without Node types.
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { gzipSync } from './gzip-sync.js'

const utf8 = (text: string) => new TextEncoder().encode(text)
/** whether zlib gunzips our gzip back to the input (Buffer.equals: a byte-wise deep equal of 70 KB is slow) */
const roundTrips = (bytes: Uint8Array) => gunzipSync(gzipSync(bytes)).equals(bytes)

/** A deterministic pseudo-random source, so a failure can be replayed. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return state / 0x7fffffff
  }
}

describe('gzipSync', () => {
  it('gives what zlib gunzips back to the input, for empty, tiny, repetitive and incompressible inputs', () => {
    for (const input of [new Uint8Array(0), utf8('a'), utf8('ab'), utf8('abc'), new Uint8Array(300_000).fill(65), utf8('zählen 🚀 '.repeat(500))]) {
      expect(roundTrips(input)).toBe(true)
    }
    const next = random(7)
    for (let round = 0; round < 90; round++) {
      const alphabet = [2, 16, 256][round % 3]!
      const input = new Uint8Array(Math.floor(next() * 70_000)).map(() => Math.floor(next() * alphabet))
      expect(roundTrips(input), `round ${round}`).toBe(true)
    }
  })

  it('handles matches at the window edge (distance 32768) and the longest length (258)', () => {
    const next = random(3)
    const block = new Uint8Array(32_768).map(() => Math.floor(next() * 256))
    const input = new Uint8Array(block.length * 3)
    input.set(block, 0)
    input.set(block, block.length)
    input.set(block, block.length * 2)
    expect(roundTrips(input)).toBe(true)
  })

  it('shrinks OTLP JSON several times over', () => {
    const next = random(11)
    const hex = (length: number) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('')
    const spans = Array.from({ length: 300 }, (_, index) =>
      JSON.stringify({
        traceId: hex(32),
        spanId: hex(16),
        flags: 1,
        name: `burst ${index}`,
        kind: 1,
        startTimeUnixNano: `17330000000${hex(8)}`,
        endTimeUnixNano: `17330000000${hex(8)}`,
        attributes: [{ key: 'session.id', value: { stringValue: '0b2c7d0e-3f64-4a0b-9b8e-4a5c8e7b0f11' } }],
      }),
    )
    const input = utf8(`{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"app"},"spans":[${spans.join(',')}]}]}]}`)
    const compressed = gzipSync(input)
    expect(compressed.length).toBeLessThan(input.length / 3)
    expect(gunzipSync(compressed).equals(input)).toBe(true)
  })
})

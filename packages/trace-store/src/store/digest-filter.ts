// A Bloom filter per run of consecutive span_chunks rows (a segment), over the
// lines of their attribute digests. A search for a value that few chunks hold
// reads the chunks of the segments whose filter may hold it instead of every
// chunk: at 1M spans, a search for a value nobody sent went from ~0.7 s to a
// few ms. A filter never misses a line it was given, so the search stays exact.

/** span_chunks ids per segment: 2^8 = 256 chunks */
export const SEGMENT_ID_BITS = 8
// 2^18 bits (32 KiB) per segment: about 0.5% false positives for 20,000 distinct lines (k = 4).
const FILTER_BITS_LOG2 = 18
export const FILTER_BYTES = (1 << FILTER_BITS_LOG2) / 8
/**
 * A filter is stored in parts of 512 bytes, one row each, keyed by (part, segment): a search reads, for each of the
 * k bits of its line, one 512-byte part per segment instead of every segment's whole 32 KiB.
 */
export const PART_BYTES = 512
export const PART_COUNT = FILTER_BYTES / PART_BYTES
const BIT_MASK = (1 << FILTER_BITS_LOG2) - 1
const HASH_COUNT = 4

export function segmentOfChunk(chunkId: number): number {
  return Math.floor(chunkId / (1 << SEGMENT_ID_BITS))
}

/** The first and last span_chunks id a segment covers. */
export function chunkIdsOfSegment(segment: number): { firstId: number; lastId: number } {
  const firstId = segment * (1 << SEGMENT_ID_BITS)
  return { firstId, lastId: firstId + (1 << SEGMENT_ID_BITS) - 1 }
}

/** The filter's bit positions for one digest line: two 32-bit hashes (FNV-1a and a multiply-xorshift), combined (Kirsch–Mitzenmacher). */
function bitPositions(line: string, from = 0, to = line.length): number[] {
  let first = 0x811c9dc5
  let second = 0x9747b28c
  for (let index = from; index < to; index += 1) {
    const code = line.charCodeAt(index)
    first = Math.imul(first ^ code, 0x01000193)
    second = Math.imul(second ^ code, 0x5bd1e995)
    second ^= second >>> 15
  }
  second |= 1 // an odd step visits distinct positions
  const positions: number[] = []
  for (let index = 0; index < HASH_COUNT; index += 1) positions.push((first + Math.imul(index, second)) & BIT_MASK)
  return positions
}

/** Adds every line of a digest (attribute-digest.ts: `\n`-separated, with a `\n` at each end) to the filter. */
export function addDigestToFilter(filter: Uint8Array, digest: string): void {
  let lineStart = 1
  for (;;) {
    const lineEnd = digest.indexOf('\n', lineStart)
    if (lineEnd < 0) return
    if (lineEnd > lineStart) for (const position of bitPositions(digest, lineStart, lineEnd)) filter[position >>> 3]! |= 1 << (position & 7)
    lineStart = lineEnd + 1
  }
}

/** The filter bytes (0-based) and bits a line sets; a filter may hold the line when all of them are set. */
export function filterBitsOf(line: string): { byteIndex: number; mask: number }[] {
  return bitPositions(line).map((position) => ({ byteIndex: position >>> 3, mask: 1 << (position & 7) }))
}

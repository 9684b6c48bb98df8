// A small synchronous gzip compressor (RFC 1951 deflate with the fixed
// Huffman code, RFC 1952 wrapper). It exists for one moment: `pagehide`,
// when the page has a single synchronous turn to hand everything to
// `keepalive` requests and the browser allows 64 KiB of them in all.
// OTLP JSON is repetitive (keys, trace ids, timestamps), so LZ77 with the
// fixed code shrinks it 5–10x; dynamic Huffman tables would gain another
// ~20% at the cost of several times the code. CompressionStream is
// asynchronous, so it cannot run inside `pagehide`; fflate's gzipSync
// costs 3.5 KB gzipped in the bundle, this one well under 1 KB.

const WINDOW_SIZE = 1 << 15
const HASH_BITS = 15
const MIN_MATCH = 3
const MAX_MATCH = 258
/** how many earlier positions with the same 3-byte hash are tried: speed over the last few percent of size */
const MAX_CHAIN = 24

// Length codes 257..285 and distance codes 0..29: base value and extra bits (RFC 1951 3.2.5).
const LENGTH_BASE: number[] = []
const LENGTH_EXTRA: number[] = []
const DISTANCE_BASE: number[] = []
const DISTANCE_EXTRA: number[] = []
for (let code = 0, base = 3; code < 28; code++) {
  const extra = code < 8 ? 0 : (code >> 2) - 1
  LENGTH_BASE.push(base)
  LENGTH_EXTRA.push(extra)
  base += 1 << extra
}
LENGTH_BASE.push(258)
LENGTH_EXTRA.push(0)
for (let code = 0, base = 1; code < 30; code++) {
  const extra = code < 4 ? 0 : (code >> 1) - 1
  DISTANCE_BASE.push(base)
  DISTANCE_EXTRA.push(extra)
  base += 1 << extra
}

let crcTable: Int32Array | undefined
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      crcTable[n] = c
    }
  }
  let crc = -1
  for (let index = 0; index < bytes.length; index++) crc = crcTable[(crc ^ bytes[index]!) & 0xff]! ^ (crc >>> 8)
  return ~crc >>> 0
}

/** Index of the last base ≤ value. */
function codeFor(bases: number[], value: number): number {
  let code = bases.length - 1
  while (bases[code]! > value) code--
  return code
}

/** gzip of `input` (its UTF-8 bytes), in one synchronous call. */
export function gzipSync(input: Uint8Array): Uint8Array {
  // worst case: every byte a 9-bit literal, plus header, block end and trailer
  const out = new Uint8Array(((input.length * 9) >> 3) + 64)
  let outIndex = 10
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
  let bitBuffer = 0
  let bitCount = 0
  /** writes `count` bits of `value`, least significant first */
  const putBits = (value: number, count: number) => {
    bitBuffer |= value << bitCount
    bitCount += count
    while (bitCount >= 8) {
      out[outIndex++] = bitBuffer & 0xff
      bitBuffer >>>= 8
      bitCount -= 8
    }
  }
  /** Huffman codes go most significant bit first */
  const putCode = (code: number, length: number) => {
    let reversed = 0
    for (let bit = 0; bit < length; bit++) reversed |= ((code >> bit) & 1) << (length - 1 - bit)
    putBits(reversed, length)
  }
  const putSymbol = (symbol: number) => {
    if (symbol < 144) putCode(0x30 + symbol, 8)
    else if (symbol < 256) putCode(0x190 + symbol - 144, 9)
    else if (symbol < 280) putCode(symbol - 256, 7)
    else putCode(0xc0 + symbol - 280, 8)
  }

  putBits(1, 1) // BFINAL: one block
  putBits(1, 2) // BTYPE 01: fixed Huffman codes
  const head = new Int32Array(1 << HASH_BITS).fill(-1)
  const previous = new Int32Array(WINDOW_SIZE)
  const hashAt = (at: number) => ((input[at]! << 10) ^ (input[at + 1]! << 5) ^ input[at + 2]!) & ((1 << HASH_BITS) - 1)
  const insert = (at: number) => {
    const hash = hashAt(at)
    previous[at & (WINDOW_SIZE - 1)] = head[hash]!
    head[hash] = at
  }

  let position = 0
  while (position < input.length) {
    let bestLength = 0
    let bestDistance = 0
    if (position + MIN_MATCH <= input.length) {
      const limit = Math.min(MAX_MATCH, input.length - position)
      let candidate = head[hashAt(position)]!
      for (let chain = 0; candidate >= 0 && position - candidate <= WINDOW_SIZE && chain < MAX_CHAIN; chain++) {
        let length = 0
        while (length < limit && input[candidate + length] === input[position + length]) length++
        if (length > bestLength) {
          bestLength = length
          bestDistance = position - candidate
          if (length === limit) break
        }
        const next = previous[candidate & (WINDOW_SIZE - 1)]!
        if (next >= candidate) break // the slot was reused by a newer position
        candidate = next
      }
    }
    if (bestLength >= MIN_MATCH) {
      const lengthCode = codeFor(LENGTH_BASE, bestLength)
      putSymbol(257 + lengthCode)
      putBits(bestLength - LENGTH_BASE[lengthCode]!, LENGTH_EXTRA[lengthCode]!)
      const distanceCode = codeFor(DISTANCE_BASE, bestDistance)
      putCode(distanceCode, 5)
      putBits(bestDistance - DISTANCE_BASE[distanceCode]!, DISTANCE_EXTRA[distanceCode]!)
      const end = position + bestLength
      for (; position < end; position++) if (position + MIN_MATCH <= input.length) insert(position)
    } else {
      putSymbol(input[position]!)
      if (position + MIN_MATCH <= input.length) insert(position)
      position++
    }
  }
  putSymbol(256) // end of block
  if (bitCount > 0) putBits(0, 8 - bitCount)
  const crc = crc32(input)
  const size = input.length
  for (const word of [crc, size]) for (let shift = 0; shift < 32; shift += 8) out[outIndex++] = (word >>> shift) & 0xff
  return out.subarray(0, outIndex)
}

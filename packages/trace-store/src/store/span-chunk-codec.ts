import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib'
import type { StoredSpan } from '../otlp/otlp-types.js'

// Brotli at quality 1 compresses span JSON about 12× at a speed close to
// JSON.stringify's: the store stays small and the write stays cheap. A 64 KiB
// window fits a chunk (tens of KiB) and makes each call a third cheaper than
// the default 4 MiB window, which is mostly allocation for data this small.
const BROTLI_QUALITY = 1
const BROTLI_WINDOW_BITS = 16

export function encodeSpanChunk(spans: StoredSpan[]): Buffer {
  const json = JSON.stringify(spans)
  return brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: BROTLI_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  })
}

export function decodeSpanChunk(chunk: Buffer): StoredSpan[] {
  return JSON.parse(brotliDecompressSync(chunk).toString('utf8')) as StoredSpan[]
}

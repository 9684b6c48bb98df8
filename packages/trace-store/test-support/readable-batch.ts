import type { WritableBatch } from '../src/ingest/encoded-batch.js'
import { decodeSpanChunkText, parseSpanIndex } from '../src/ingest/span-chunk-codec.js'

/** Text that every JSON and protobuf path must carry through unchanged: escapes, control characters, astral and line-separator characters. */
export const TRICKY_TEXT = 'quote " backslash \\ tab \t newline \n nul \u0000 ünïcødé 日本 😀 </script> \u2028'

/** A batch with each chunk's compressed text and index replaced by the spans the index points at, for comparing two encodings. */
export function readableBatch(batch: WritableBatch) {
  return {
    ...batch,
    traces: [...batch.traces].map(({ spans, index, ...trace }) => {
      const text = decodeSpanChunkText(Buffer.from(spans))
      const indexedSpans = parseSpanIndex(index).map(({ from, to, ...entry }) => ({ ...entry, span: JSON.parse(text.slice(from, to)) as unknown }))
      return { ...trace, indexedSpans, allSpans: JSON.parse(text) as unknown }
    }),
  }
}

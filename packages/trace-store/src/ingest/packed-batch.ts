import type { BatchRows } from './encoded-batch.js'
import type { TraceChunk } from './trace-chunk.js'
import type { TraceSummary } from './trace-summary.js'

/**
 * An encoded batch in the form that crosses from an ingest worker to the main
 * thread: per trace, its fields as one line of JSON and its bytes, written
 * into blocks of memory that are moved rather than copied. Sent as 8,192
 * chunk objects (a Collector batch), the structured clone made the main
 * thread hold ~16 MB of objects through the whole commit, and the worker held
 * them too until it posted them; packed, each trace becomes objects only
 * while it is written (unpackTraces), and dies young. Blocks of a fixed size,
 * not one growing buffer: growing by copying left up to half of it unused.
 */
export interface PackedBatch extends BatchRows {
  traceCount: number
  /** per trace: a header (see HEADER_BYTES), its line, its `spans` bytes, its `outline` bytes; no trace spans two blocks */
  blocks: Uint8Array[]
}

/** A block's size, unless one trace needs more. */
export const PACKED_BLOCK_BYTES = 1024 * 1024
/** the byte lengths of a trace's line, spans and outline, as three uint32 */
const HEADER_BYTES = 12

/** Collects chunks into a PackedBatch as they are made, so a worker never holds a batch's chunk objects at once. */
export class PackedBatchBuilder {
  private blocks: Uint8Array[] = []
  private block = Buffer.alloc(0)
  private used = 0
  private traceCount = 0

  add(chunk: TraceChunk): void {
    const line = packedLine(chunk)
    const lineBytes = Buffer.byteLength(line)
    const traceBytes = HEADER_BYTES + lineBytes + chunk.spans.byteLength + chunk.outline.byteLength
    if (this.used + traceBytes > this.block.byteLength) this.startBlock(traceBytes)
    const { block } = this
    let at = this.used
    for (const length of [lineBytes, chunk.spans.byteLength, chunk.outline.byteLength]) at = block.writeUInt32LE(length, at)
    at += block.write(line, at)
    block.set(chunk.spans, at)
    block.set(chunk.outline, at + chunk.spans.byteLength)
    this.used += traceBytes
    this.traceCount += 1
  }

  /** Drops what was added (the fast path gave up; the general path starts over). */
  reset(): void {
    this.blocks = []
    this.block = Buffer.alloc(0)
    this.used = 0
    this.traceCount = 0
  }

  finish(rows: BatchRows): PackedBatch {
    this.startBlock(0)
    return { ...rows, traceCount: this.traceCount, blocks: this.blocks }
  }

  private startBlock(minBytes: number): void {
    // an own ArrayBuffer per block (Buffer.alloc never pools), so each can be transferred
    if (this.used > 0) this.blocks.push(new Uint8Array(this.block.buffer, this.block.byteOffset, this.used))
    this.block = Buffer.alloc(minBytes === 0 ? 0 : Math.max(minBytes, PACKED_BLOCK_BYTES))
    this.used = 0
  }
}

type PackedLine = [
  traceId: string,
  spanIds: string,
  index: string,
  attributeDigest: string,
  startTimeUnixNano: string,
  endTimeUnixNano: string,
  rootSpanId: string,
  rootStartTimeUnixNano: string,
  rootServiceName: string,
  rootSpanName: string,
  hasRoot: boolean,
  spanCount: number,
  errorCount: number,
  services: TraceSummary['services'],
]

function packedLine(chunk: TraceChunk): string {
  const { summary } = chunk
  const line: PackedLine = [
    chunk.traceId,
    chunk.spanIds.join(','),
    chunk.index,
    chunk.attributeDigest,
    String(summary.startTimeUnixNano),
    String(summary.endTimeUnixNano),
    summary.rootSpanId,
    String(summary.rootStartTimeUnixNano),
    summary.rootServiceName,
    summary.rootSpanName,
    summary.hasRoot,
    summary.spanCount,
    summary.errorCount,
    summary.services,
  ]
  return JSON.stringify(line)
}

/** The chunks of a packed batch, made one at a time as they are iterated. */
export function* unpackTraces(packed: PackedBatch): Generator<TraceChunk> {
  for (const bytes of packed.blocks) {
    const block = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let at = 0
    while (at < block.byteLength) {
      const lineBytes = block.readUInt32LE(at)
      const spansBytes = block.readUInt32LE(at + 4)
      const outlineBytes = block.readUInt32LE(at + 8)
      at += HEADER_BYTES
      const line = JSON.parse(block.toString('utf8', at, at + lineBytes)) as PackedLine
      at += lineBytes
      const spans = block.subarray(at, at + spansBytes)
      const outline = block.subarray(at + spansBytes, at + spansBytes + outlineBytes)
      at += spansBytes + outlineBytes
      yield chunkOf(line, spans, outline)
    }
  }
}

function chunkOf(line: PackedLine, spans: Uint8Array, outline: Uint8Array): TraceChunk {
  const [traceId, spanIds, index, attributeDigest, start, end, rootSpanId, rootStart, rootServiceName, rootSpanName, hasRoot, spanCount, errorCount, services] =
    line
  return {
    traceId,
    spanIds: spanIds.split(','),
    spans,
    outline,
    index,
    attributeDigest,
    summary: {
      traceId,
      startTimeUnixNano: BigInt(start),
      endTimeUnixNano: BigInt(end),
      rootSpanId,
      rootStartTimeUnixNano: BigInt(rootStart),
      rootServiceName,
      rootSpanName,
      hasRoot,
      spanCount,
      errorCount,
      services,
    },
  }
}

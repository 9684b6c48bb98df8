import type { BatchRows } from './encoded-batch.js'
import type { TraceChunk } from './trace-chunk.js'
import type { TraceSummary } from './trace-summary.js'

/**
 * An encoded batch in the form that crosses from an ingest worker to the main
 * thread: each trace's fields as one line of text, and every trace's bytes in
 * one buffer, moved rather than copied. Sent as 8,192 chunk objects (a
 * Collector batch), the structured clone made the main thread hold ~16 MB of
 * objects through the whole commit, and the worker held them too until it
 * posted them; as text, each trace becomes objects only while it is written
 * (unpackTraces), and dies young.
 */
export interface PackedBatch extends BatchRows {
  traceCount: number
  /** one JSON array per trace (packedLine), separated by '\n' (JSON text never holds a raw newline) */
  traceLines: string
  /** each trace's `spans` then `outline` bytes, in line order */
  bytes: Uint8Array
}

/** Collects chunks into a PackedBatch as they are made, so a worker never holds a batch's chunk objects at once. */
export class PackedBatchBuilder {
  private lines: string[] = []
  private bytes: Uint8Array
  private byteLength = 0

  constructor(initialBytes: number) {
    this.bytes = new Uint8Array(Math.max(initialBytes, 1024))
  }

  add(chunk: TraceChunk): void {
    this.append(chunk.spans)
    this.append(chunk.outline)
    this.lines.push(packedLine(chunk))
  }

  /** Drops what was added (the fast path gave up; the general path starts over). */
  reset(): void {
    this.lines = []
    this.byteLength = 0
  }

  finish(rows: BatchRows): PackedBatch {
    const traceLines = this.lines.join('\n')
    return { ...rows, traceCount: this.lines.length, traceLines, bytes: this.bytes.subarray(0, this.byteLength) }
  }

  private append(part: Uint8Array): void {
    const needed = this.byteLength + part.byteLength
    if (needed > this.bytes.byteLength) {
      const grown = new Uint8Array(Math.max(needed, this.bytes.byteLength * 2))
      grown.set(this.bytes.subarray(0, this.byteLength))
      this.bytes = grown
    }
    this.bytes.set(part, this.byteLength)
    this.byteLength = needed
  }
}

type PackedLine = [
  traceId: string,
  spanIds: string,
  index: string,
  attributeDigest: string,
  spansBytes: number,
  outlineBytes: number,
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
    chunk.spans.byteLength,
    chunk.outline.byteLength,
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
  const { traceLines, bytes } = packed
  let lineStart = 0
  let byteOffset = 0
  while (lineStart < traceLines.length) {
    const lineEnd = traceLines.indexOf('\n', lineStart)
    const text = traceLines.slice(lineStart, lineEnd === -1 ? traceLines.length : lineEnd)
    lineStart = lineEnd === -1 ? traceLines.length : lineEnd + 1
    const [traceId, spanIds, index, attributeDigest, spansBytes, outlineBytes, ...summary] = JSON.parse(text) as PackedLine
    const [start, end, rootSpanId, rootStart, rootServiceName, rootSpanName, hasRoot, spanCount, errorCount, services] = summary
    const spans = bytes.subarray(byteOffset, byteOffset + spansBytes)
    const outline = bytes.subarray(byteOffset + spansBytes, byteOffset + spansBytes + outlineBytes)
    byteOffset += spansBytes + outlineBytes
    yield {
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
}

import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { makeRequest, makeSpan } from '../../test-support/otlp-builders.js'
import { readableBatch } from '../../test-support/readable-batch.js'
import { encodeBatch } from './encode-batch.js'
import type { EncodedBatch } from './encoded-batch.js'
import { packBatchBytes } from './pack-batch-bytes.js'

function threeTraceBatch(): EncodedBatch {
  const spans = ['a', 'b', 'c'].map((name) => makeSpan({ name }))
  return encodeBatch('json', Buffer.from(JSON.stringify(makeRequest('svc', spans))))
}

/** The batch with its spans as text and its outlines as base64, whatever holds the bytes (Buffer or Uint8Array). */
function readable(batch: EncodedBatch) {
  const spansAsText = readableBatch(batch)
  return { ...spansAsText, traces: spansAsText.traces.map((trace) => ({ ...trace, outline: Buffer.from(trace.outline).toString('base64') })) }
}

describe('packBatchBytes', () => {
  it('puts every chunk into one buffer of exactly their total size, and the batch reads the same', () => {
    const batch = threeTraceBatch()
    const before = readable(batch)
    const totalBytes = batch.traces.reduce((sum, trace) => sum + trace.spans.byteLength + trace.outline.byteLength, 0)
    const packed = packBatchBytes(batch)
    expect(packed.byteLength).toBe(totalBytes)
    for (const trace of batch.traces) expect([trace.spans.buffer, trace.outline.buffer]).toEqual([packed, packed])
    expect(readable(batch)).toEqual(before)
  })

  it('lets a batch cross a message port by transferring that one buffer', () => {
    const batch = threeTraceBatch()
    const before = readable(batch)
    const { port1, port2 } = new MessageChannel()
    const packed = packBatchBytes(batch)
    port1.postMessage(batch, [packed])
    const received = receiveMessageOnPort(port2)!.message as EncodedBatch
    port1.close()
    // transferred, not copied: the sender's buffer is detached
    expect(packed.byteLength).toBe(0)
    expect(readable(received)).toEqual(before)
  })
})

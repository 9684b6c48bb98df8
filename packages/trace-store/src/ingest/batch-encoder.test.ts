import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { encodeProtobufRequest } from '../../bench/encode-protobuf.js'
import { makeRealisticBatch } from '../../bench/realistic-batch.js'
import { OtlpRequestError } from '../otlp/otlp-request-error.js'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { readableBatch, TRICKY_TEXT } from '../../test-support/readable-batch.js'
import { chooseWorker, createBatchEncoder, ingestWorkerScript, LARGE_BODY_BYTES } from './batch-encoder.js'
import { encodeBatch } from './encode-batch.js'
import type { WritableBatch } from './encoded-batch.js'

function jsonBody(request: unknown): Buffer {
  return Buffer.from(JSON.stringify(request))
}

/** Compares batches whatever the byte container (a worker's structured clone turns Buffers into Uint8Arrays). */
function comparable({ resources, scopes, operations, rejected, traces }: WritableBatch) {
  return {
    resources,
    scopes,
    operations,
    rejected,
    traces: [...traces].map((trace) => ({
      ...trace,
      spans: Buffer.from(trace.spans).toString('base64'),
      outline: Buffer.from(trace.outline).toString('base64'),
    })),
  }
}

function readable({ resources, scopes, operations, rejected, traces }: WritableBatch) {
  const spansAsText = readableBatch({ resources, scopes, operations, rejected, traces })
  return { ...spansAsText, traces: spansAsText.traces.map((trace) => ({ ...trace, outline: Buffer.from(trace.outline).toString('base64') })) }
}

describe('batch encoders', () => {
  const pool = createBatchEncoder(2)
  afterAll(() => pool.close())

  it('encode on worker threads exactly as on the main thread', async () => {
    const traceId = newTraceId()
    const request = makeRequest('checkout', [
      makeSpan({ traceId, name: 'GET /cart', attributes: [{ key: 'cart.items', value: { intValue: 3 } }] }),
      makeSpan({ traceId, name: 'SELECT cart', status: { code: 2, message: 'timeout' } }),
      makeSpan({ name: 'other trace' }),
    ])
    const onWorker = await pool.encode('json', jsonBody(request))
    const inline = await createBatchEncoder(0).encode('json', jsonBody(request))
    const workerTraces = [...onWorker.traces]
    expect(workerTraces.map((trace) => trace.spanIds.length)).toEqual([2, 1])
    expect(workerTraces[0]!.summary).toMatchObject({ traceId, spanCount: 2, errorCount: 1 })
    expect([onWorker.traceCount, inline.traceCount]).toEqual([2, 2])
    expect(comparable(onWorker)).toEqual(comparable(inline))
  })

  it('reject a malformed body from a worker with an OtlpRequestError', async () => {
    const failure = pool.encode('json', Buffer.from('{"resourceSpans": ['))
    await expect(failure).rejects.toThrow(OtlpRequestError)
    await expect(failure).rejects.toThrow('body is not valid JSON')
  })

  it('take bodies that share their memory with other buffers without detaching it', async () => {
    const backing = Buffer.alloc(64 * 1024)
    const body = jsonBody(makeRequest('svc', [makeSpan()]))
    body.copy(backing, 100)
    const batch = await pool.encode('json', backing.subarray(100, 100 + body.length))
    expect([...batch.traces]).toHaveLength(1)
    expect(backing.byteLength).toBe(64 * 1024)
  })

  // Guards against workers that run another build than the source under test (they once ran `dist/`, so a change
  // to the span text in `src/` left every HTTP-level test green).
  it('start workers from the very source file this test imports, not from a build', () => {
    expect(ingestWorkerScript().file).toBe(fileURLToPath(new URL('./encode-worker.ts', import.meta.url)))
  })

  it('encode realistic JSON and protobuf requests on a worker exactly as the source does on this thread', async () => {
    const realistic = makeRealisticBatch({ spanCount: 64, startTimeUnixNano: 1_718_000_000_000_000_000n })
    const tricky = makeRequest(TRICKY_TEXT, [makeSpan({ name: TRICKY_TEXT, attributes: [{ key: TRICKY_TEXT, value: { stringValue: TRICKY_TEXT } }] })])
    for (const [encoding, body] of [
      ['json', Buffer.from(JSON.stringify(realistic))],
      ['protobuf', Buffer.from(encodeProtobufRequest(realistic))],
      ['json', Buffer.from(JSON.stringify(tricky))],
      ['protobuf', Buffer.from(encodeProtobufRequest(tricky))],
    ] as const) {
      const onWorker = await pool.encode(encoding, Buffer.from(body))
      const inline = encodeBatch(encoding, body)
      // the spans as text first, for a diff that shows what differs; then every byte
      expect(readable(onWorker)).toEqual(readable(inline))
      expect(comparable(onWorker)).toEqual(comparable(inline))
    }
  })
})

describe('chooseWorker', () => {
  it('gives a small body to the worker with the fewest jobs waiting', () => {
    expect(chooseWorker([2, 0], 1000)).toBe(1)
    expect(chooseWorker([1, 1], LARGE_BODY_BYTES - 1)).toBe(0)
  })

  it('gives every large body to the first worker, however busy, so two large bodies are never encoded at once', () => {
    expect(chooseWorker([3, 0], LARGE_BODY_BYTES)).toBe(0)
    expect(chooseWorker([5, 0], 20 * LARGE_BODY_BYTES)).toBe(0)
  })
})

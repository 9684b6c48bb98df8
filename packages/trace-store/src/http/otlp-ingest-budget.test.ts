import { context, diag, DiagLogLevel, trace } from '@opentelemetry/api'
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base'
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { encodeProtobufRequest } from '../../bench/encode-protobuf.js'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { getJson, startTestStore } from '../../test-support/test-store.js'

type Store = Awaited<ReturnType<typeof startTestStore>>

/** ExportResultCode.SUCCESS (of @opentelemetry/core, which the exporter reports with) */
const EXPORT_SUCCESS = 0

interface RawResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** An HTTP/1.1 request written by hand, so a test decides exactly which bytes of the body are sent, and when. */
class RawRequest {
  readonly socket: Socket
  readonly response: Promise<RawResponse>

  constructor(url: string, headers: Record<string, string | number>) {
    const { hostname, port } = new URL(url)
    this.socket = connect(Number(port), hostname)
    const head = Object.entries({ host: `${hostname}:${port}`, ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')
    this.socket.write(`POST /v1/traces HTTP/1.1\r\n${head}\r\n`)
    this.response = readResponse(this.socket)
  }

  send(bytes: Buffer | string): void {
    this.socket.write(bytes)
  }

  close(): void {
    this.socket.destroy()
  }
}

/** The first response on the socket, parsed once its Content-Length bytes have arrived. */
function readResponse(socket: Socket): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      const headEnd = received.indexOf('\r\n\r\n')
      if (headEnd < 0) return
      const [statusLine, ...lines] = received.subarray(0, headEnd).toString('latin1').split('\r\n')
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]))
      const bodyBytes = Number(headers['content-length'] ?? 0)
      if (received.length < headEnd + 4 + bodyBytes) return
      socket.off('data', onData)
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: received.subarray(headEnd + 4, headEnd + 4 + bodyBytes) })
    }
    socket.on('data', onData)
    socket.once('error', reject)
  })
}

function jsonBody(traceId: string, name = 'work'): Buffer {
  return Buffer.from(JSON.stringify(makeRequest('budget-test', [makeSpan({ traceId, name })])))
}

async function storedSpanCount(store: Store, traceId: string): Promise<number> {
  const { status, body } = await getJson<{ spans: unknown[] }>(`${store.url}/api/traces/${traceId}`)
  return status === 200 ? body.spans.length : 0
}

describe('the ingest budget', () => {
  let store: Store | undefined
  const open: RawRequest[] = []
  const raw = (headers: Record<string, string | number>) => {
    const request = new RawRequest(`${store!.url}/v1/traces`, headers)
    open.push(request)
    return request
  }
  afterEach(async () => {
    for (const request of open.splice(0)) request.close()
    await store?.close()
    store = undefined
  })

  it('answers a request whose Content-Length would pass the budget with 503 + Retry-After before reading its body, and stores nothing of it', async () => {
    store = await startTestStore({ maxBodyBytes: 64 * 1024, maxInFlightBodyBytes: 64 * 1024 })
    // a request that holds most of the budget while its body trickles in
    const heldTraceId = newTraceId()
    const heldBody = jsonBody(heldTraceId)
    const held = raw({ 'content-type': 'application/json', 'content-length': 60 * 1024 })
    held.send(heldBody.subarray(0, 10))

    const refusedTraceId = newTraceId()
    const refusedBody = jsonBody(refusedTraceId)
    // only the head is sent: the answer cannot depend on the body
    const refused = raw({ 'content-type': 'application/json', 'content-length': refusedBody.length + 8 * 1024 })
    const answer = await refused.response
    expect(answer.status).toBe(503)
    expect(answer.headers['retry-after']).toBe('2')
    expect(answer.headers['content-type']).toBe('application/json')
    const status = JSON.parse(answer.body.toString()) as { code: number; message: string; details: unknown[] }
    expect(status).toEqual({ code: 14, message: expect.stringMatching(/^the store is busy: at most 32 requests and 65536 body bytes/) as unknown, details: [] })
    // the body sent after the answer is discarded, never stored
    refused.send(Buffer.concat([refusedBody, Buffer.alloc(8 * 1024, ' ')]))

    held.send(Buffer.concat([heldBody.subarray(10), Buffer.alloc(60 * 1024 - heldBody.length, ' ')]))
    expect((await held.response).status).toBe(200)
    expect(await storedSpanCount(store, heldTraceId)).toBe(1)
    expect(await storedSpanCount(store, refusedTraceId)).toBe(0)
  })

  it('answers in protobuf when the request is protobuf, and refuses by request count too', async () => {
    store = await startTestStore({ maxConcurrentIngests: 1 })
    const traceId = newTraceId()
    const held = raw({ 'content-type': 'application/json', 'content-length': 1000 })
    held.send('{')
    await expect
      .poll(async () => (await fetch(`${store!.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status)
      .toBe(503)

    const body = Buffer.from(encodeProtobufRequest(makeRequest('budget-test', [makeSpan({ traceId })])))
    const refused = raw({ 'content-type': 'application/x-protobuf', 'content-length': body.length })
    const answer = await refused.response
    expect(answer.status).toBe(503)
    expect(answer.headers['content-type']).toBe('application/x-protobuf')
    // google.rpc.Status: field 1 (code) = 14 UNAVAILABLE, then field 2 (message)
    expect([...answer.body.subarray(0, 3)]).toEqual([0x08, 14, 0x12])
    refused.send(body)
    held.close()
    expect(await storedSpanCount(store, traceId)).toBe(0)
  })

  it('refuses a chunked body as soon as it grows past the budget, and stores nothing of it', async () => {
    store = await startTestStore({ maxBodyBytes: 64 * 1024, maxInFlightBodyBytes: 64 * 1024 })
    const held = raw({ 'content-type': 'application/json', 'content-length': 40 * 1024 })
    held.send('{')
    const traceId = newTraceId()
    const body = jsonBody(traceId)
    const chunked = raw({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' })
    const padding = Buffer.alloc(30 * 1024, ' ')
    chunked.send(`${body.length.toString(16)}\r\n`)
    chunked.send(Buffer.concat([body, Buffer.from('\r\n')]))
    chunked.send(`${padding.length.toString(16)}\r\n`)
    chunked.send(Buffer.concat([padding, Buffer.from('\r\n')]))
    const answer = await chunked.response
    expect(answer.status).toBe(503)
    expect(answer.headers['retry-after']).toBe('2')
    expect(answer.headers.connection).toBe('close')
    expect(await storedSpanCount(store, traceId)).toBe(0)
  })

  it('still answers a body over maxBodyBytes with 413, never a retry, whatever the budget', async () => {
    store = await startTestStore({ maxBodyBytes: 64 * 1024, maxInFlightBodyBytes: 64 * 1024, maxConcurrentIngests: 1 })
    const held = raw({ 'content-type': 'application/json', 'content-length': 1000 })
    held.send('{')
    const tooLarge = raw({ 'content-type': 'application/json', 'content-length': 65 * 1024 })
    expect((await tooLarge.response).status).toBe(413)
  })

  it('loses nothing an exporter was told was stored: a refused export is retried and kept', async () => {
    store = await startTestStore({ maxConcurrentIngests: 1 })
    const retries: string[] = []
    diag.setLogger({ verbose: (message: string) => retries.push(message), debug() {}, info() {}, warn() {}, error() {} }, DiagLogLevel.VERBOSE)
    try {
      const held = raw({ 'content-type': 'application/json', 'content-length': 1000 })
      held.send('{')
      const spans = recordSpans(20)
      const exporter = new ProtoTraceExporter({ url: `${store.url}/v1/traces` })
      const exported = new Promise<number>((resolve) => exporter.export(spans, (result) => resolve(result.code)))
      // the export met the held request's budget, got 503 and waits for Retry-After
      await expect.poll(() => retries.some((message) => message.startsWith('Scheduling export retry in 2000ms')), { timeout: 5000 }).toBe(true)
      held.close()
      expect(await exported).toBe(EXPORT_SUCCESS)
      const traceId = spans[0]!.spanContext().traceId
      expect(await storedSpanCount(store, traceId)).toBe(spans.length)
      await exporter.shutdown()
    } finally {
      diag.disable()
    }
  })
})

function recordSpans(count: number): ReadableSpan[] {
  const recorded = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(recorded)] })
  const tracer = provider.getTracer('budget-test')
  const root = tracer.startSpan('root')
  const parent = trace.setSpan(context.active(), root)
  for (let index = 1; index < count; index += 1) tracer.startSpan(`child ${index}`, {}, parent).end()
  root.end()
  return recorded.getFinishedSpans()
}

import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { getJson, postJson, readJson, startTestStore } from '../../test-support/test-store.js'

type Store = Awaited<ReturnType<typeof startTestStore>>

describe('OTLP ingest of bad input', () => {
  let store: Store
  let tracesUrl: string

  beforeAll(async () => {
    store = await startTestStore({ maxBodyBytes: 64 * 1024 })
    tracesUrl = `${store.url}/v1/traces`
  })
  afterAll(() => store.close())

  it('answers malformed JSON with 400 and a google.rpc.Status body', async () => {
    const response = await fetch(tracesUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"resourceSpans": [' })
    expect(response.status).toBe(400)
    const status = await readJson<{ code: number; message: string; details: unknown[] }>(response)
    expect(status.code).toBe(3)
    expect(status.message).toMatch(/^body is not valid JSON/)
    expect(status.details).toEqual([])
  })

  it('answers a request whose structure has the wrong types with 400 naming the field', async () => {
    const response = await postJson(tracesUrl, { resourceSpans: [{ scopeSpans: { spans: [] } }] })
    expect(response.status).toBe(400)
    expect((await readJson(response)).message).toBe('resourceSpans[0].scopeSpans must be an array')
  })

  it('keeps the valid spans of a mixed batch and reports the rejected ones as partial success', async () => {
    const traceId = newTraceId()
    const good = makeSpan({ traceId, name: 'good' })
    const spans = [
      good,
      makeSpan({ traceId: 'not-hex' }),
      makeSpan({ traceId, spanId: '0000000000000000' }),
      makeSpan({ traceId, kind: 'SERVER' as unknown as number }),
      makeSpan({ traceId, startTimeUnixNano: '12.5' }),
      makeSpan({ traceId, attributes: [{ key: 'x', value: { intValue: 'abc' } }] }),
    ]
    const response = await postJson(tracesUrl, makeRequest('mixed', spans))
    expect(response.status).toBe(200)
    const body = await readJson<{ partialSuccess: { rejectedSpans: string; errorMessage: string } }>(response)
    expect(body.partialSuccess.rejectedSpans).toBe('5')
    expect(body.partialSuccess.errorMessage).toContain('resourceSpans[0].scopeSpans[0].spans[1]: traceId must be 32 hex digits')
    expect(body.partialSuccess.errorMessage).toContain('spans[3]: kind must be an integer from 0 to 5')
    expect(body.partialSuccess.errorMessage).toContain('spans[5]: attribute "x": intValue must be an integer')

    const stored = await getJson<{ spans: { name: string }[] }>(`${store.url}/api/traces/${traceId}`)
    expect(stored.body.spans.map((span) => span.name)).toEqual(['good'])
  })

  it('accepts a gzip body and rejects a broken gzip body with 400', async () => {
    const traceId = newTraceId()
    const body = gzipSync(JSON.stringify(makeRequest('gzipped', [makeSpan({ traceId })])))
    const accepted = await fetch(tracesUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body })
    expect(accepted.status).toBe(200)
    expect((await getJson(`${store.url}/api/traces/${traceId}`)).status).toBe(200)

    const broken = await fetch(tracesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: body.subarray(0, body.length - 8),
    })
    expect(broken.status).toBe(400)
    expect((await readJson(broken)).message).toMatch(/^gzip body could not be decompressed/)
  })

  it('answers a truncated protobuf body with 400 in protobuf', async () => {
    // field 1 (resource_spans), length 50, but only 3 bytes follow
    const truncated = Buffer.from([0x0a, 0x32, 0x0a, 0x01, 0x02])
    const response = await fetch(tracesUrl, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: truncated })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/x-protobuf')
    const text = Buffer.from(await response.arrayBuffer()).toString('latin1')
    expect(text).toContain('protobuf body could not be decoded')
  })

  it('answers a body over the limit with 413, also when only the decompressed size is over', async () => {
    const big = JSON.stringify(makeRequest('big', [makeSpan({ name: 'x'.repeat(70 * 1024) })]))
    const plain = await fetch(tracesUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big })
    expect(plain.status).toBe(413)
    expect((await readJson(plain)).message).toBe('body is larger than the limit of 65536 bytes (after decompression)')

    const zipped = gzipSync(big)
    expect(zipped.length).toBeLessThan(64 * 1024)
    const bomb = await fetch(tracesUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: zipped })
    expect(bomb.status).toBe(413)
  })

  it('answers other content types with 415 and unknown encodings with 415', async () => {
    const wrongType = await fetch(tracesUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })
    expect(wrongType.status).toBe(415)
    expect((await readJson(wrongType)).message).toBe("Content-Type must be application/json or application/x-protobuf, got 'text/plain'")
    const brotli = await fetch(tracesUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, body: '{}' })
    expect(brotli.status).toBe(415)
  })

  it('answers GET on the ingest path with 405', async () => {
    const response = await fetch(tracesUrl)
    expect(response.status).toBe(405)
  })

  it('stays up and keeps serving after every bad request above', async () => {
    const health = await getJson<{ status: string }>(`${store.url}/health`)
    expect(health.body.status).toBe('ok')
  })
})

describe('OTLP ingest with an ingest token', () => {
  let store: Store
  beforeAll(async () => {
    store = await startTestStore({ ingestToken: { header: 'x-spanlight-token', value: 's3cret' } })
  })
  afterAll(() => store.close())

  it('rejects a request without the token with 401 and accepts one with it', async () => {
    const request = makeRequest('guarded', [makeSpan()])
    const without = await postJson(`${store.url}/v1/traces`, request)
    expect(without.status).toBe(401)
    expect((await readJson(without)).message).toBe('missing or wrong x-spanlight-token header')
    const withToken = await postJson(`${store.url}/v1/traces`, request, { 'x-spanlight-token': 's3cret' })
    expect(withToken.status).toBe(200)
  })
})

import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeProtobufRequest } from '../../bench/encode-protobuf.js'
import { nanoDiffMs } from '../ingest/nano-time.js'
import { parseOtlpJson } from '../otlp/decode-json.js'
import type { TraceView } from '../query/trace-views.js'
import { getJson, postJson, postJsonText, postProtobuf, startTestStore } from '../../test-support/test-store.js'

// The conformance payloads (test-support/conformance/README.md) over real HTTP, as JSON and as protobuf: every
// field comes back from GET /api/traces/:id and from the OTLP download exactly, and the download re-imports.

const PAYLOAD_DIR = new URL('../../test-support/conformance/', import.meta.url)
const PAYLOADS = readdirSync(PAYLOAD_DIR)
  .filter((file) => file.endsWith('.request.json'))
  .map((file) => file.slice(0, -'.request.json'.length))
  .sort()

type Store = Awaited<ReturnType<typeof startTestStore>>

interface StoredRequest {
  resourceSpans: {
    resource: { attributes: unknown[]; droppedAttributesCount: number }
    schemaUrl: string
    scopeSpans: { scope: Record<string, unknown>; schemaUrl: string; spans: (Record<string, unknown> & StoredSpanTimes)[] }[]
  }[]
}
interface StoredSpanTimes {
  traceId: string
  spanId: string
  startTimeUnixNano: string
  endTimeUnixNano: string
}

function readPayload(name: string, kind: 'request' | 'stored'): string {
  return readFileSync(new URL(`${name}.${kind}.json`, PAYLOAD_DIR), 'utf8')
}

// A field no message defines, at the top level of the protobuf body (field 99, length-delimited): receivers skip it.
const UNKNOWN_PROTOBUF_FIELD = Buffer.from([0x9a, 0x06, 0x01, 0x78]) // tag (99 << 3 | 2) as a varint, length 1, "x"

const SENDERS = {
  json: (store: Store, text: string) => postJsonText(`${store.url}/v1/traces`, text),
  protobuf: (store: Store, text: string) =>
    postProtobuf(`${store.url}/v1/traces`, Buffer.concat([encodeProtobufRequest(parseOtlpJson(text)), UNKNOWN_PROTOBUF_FIELD])),
}

describe.each(Object.entries(SENDERS))('the OTLP conformance payloads sent as %s', (_encoding, send) => {
  let store: Store
  let copy: Store

  beforeAll(async () => {
    ;[store, copy] = await Promise.all([startTestStore(), startTestStore()])
  })
  afterAll(() => Promise.all([store.close(), copy.close()]))

  it.each(PAYLOADS)('%s: every field comes back from the trace view and the download, which re-imports to the same trace', async (name) => {
    const expected = JSON.parse(readPayload(name, 'stored')) as StoredRequest
    const [resourceSpans] = expected.resourceSpans
    const [scopeSpans] = resourceSpans!.scopeSpans
    const traceId = scopeSpans!.spans[0]!.traceId

    const response = await send(store, readPayload(name, 'request'))
    expect(response.status).toBe(200)
    expect(Buffer.from(await response.arrayBuffer()).toString()).toMatch(/^(\{\})?$/) // full success, no partialSuccess

    const download = await getJson<StoredRequest>(`${store.url}/api/traces/${traceId}/otlp`)
    expect(download.body).toEqual(expected)

    const view = (await getJson<TraceView>(`${store.url}/api/traces/${traceId}`)).body
    const { schemaUrl: resourceSchemaUrl, resource } = resourceSpans!
    const { schemaUrl: scopeSchemaUrl, scope } = scopeSpans!
    expect(Object.values(view.resources)).toEqual([{ ...resource, schemaUrl: resourceSchemaUrl }])
    expect(Object.values(view.scopes)).toEqual([{ ...scope, schemaUrl: scopeSchemaUrl }])
    const serviceName = (resource.attributes as { key: string; value: { stringValue?: string } }[]).find((attribute) => attribute.key === 'service.name')
    expect(view.spans).toEqual(
      scopeSpans!.spans.map((span) => ({
        parentSpanId: null,
        traceState: '',
        ...span,
        durationMs: nanoDiffMs(span.startTimeUnixNano, span.endTimeUnixNano),
        serviceName: serviceName?.value.stringValue ?? 'unknown_service',
        resourceId: Number(Object.keys(view.resources)[0]),
        scopeId: Number(Object.keys(view.scopes)[0]),
      })),
    )

    const reimport = await postJson(`${copy.url}/v1/traces`, download.body)
    expect(await reimport.json()).toEqual({})
    expect((await getJson<TraceView>(`${copy.url}/api/traces/${traceId}`)).body).toEqual(view)
  })
})

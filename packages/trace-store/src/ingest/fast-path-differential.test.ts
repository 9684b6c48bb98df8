import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeProtobufRequest } from '../../bench/encode-protobuf.js'
import { readableBatch } from '../../test-support/readable-batch.js'
import { OtlpRequestError } from '../otlp/otlp-request-error.js'
import type { OtlpEncoding } from '../otlp/otlp-response.js'
import { encodeBatch } from './encode-batch.js'
import { scanJsonRequest } from './scan-json-request.js'
import { scanProtobufRequest } from './scan-protobuf-request.js'

// The fast scanners (scan-json-request.ts, scan-protobuf-request.ts) against the general path (decode-json.ts or
// decode-protobuf.ts, then collectSpans): for random valid and mutated requests, ingest with the fast paths must
// give exactly what the general path alone gives — the same batch, the same rejections, the same 400 — which it
// does when the scanner either agrees or gives up.

const NUM_RUNS = 150
const ids = { resourceId: () => 1, scopeId: () => 2 }

/**
 * A number the JSON text writes as these digits (JSON.stringify cannot write an int64 beyond 2^53 exactly, or
 * 1e400); for protobufjs, withoutRawNumbers spells it as a string.
 */
class RawNumber {
  constructor(readonly digits: string) {}
}
const RAW_MARK = '\u0001raw:'

function toJsonText(value: unknown, pretty: boolean): string {
  const text = JSON.stringify(value, (_key, item: unknown) => (item instanceof RawNumber ? `${RAW_MARK}${item.digits}` : item), pretty ? 2 : undefined)
  return text.replace(/"\\u0001raw:([^"]+)"/g, '$1')
}

/** The same value with raw numbers as the decimal strings they spell (for protobufjs). */
function withoutRawNumbers(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (item instanceof RawNumber ? item.digits : item)))
}

// ---- valid requests, in every spelling the JSON mapping allows ----

const text = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('', 'service.name', 'quote " \\ \n \u2028'))
const hexId = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((id) => Buffer.from(id).toString('hex'))
const int64 = fc.bigInt(-(1n << 63n), (1n << 63n) - 1n)
const int64Spelling = int64.chain((value) =>
  fc.constantFrom<unknown>(value.toString(), new RawNumber(value.toString()), ...(Number.isSafeInteger(Number(value)) ? [Number(value)] : [])),
)
const unixNano = fc.oneof(fc.bigInt(1_718_000_000_000_000_000n, 1_718_000_001_000_000_000n), fc.bigInt(0n, (1n << 63n) - 1n))
const timeSpelling = unixNano.chain((value) => fc.constantFrom<unknown>(value.toString(), new RawNumber(value.toString())))
const double = fc.double().map((value) => (Number.isFinite(value) ? value : String(value)))
const count = fc.oneof(fc.nat(5), fc.nat(0xffffffff).map(String))

const { keyValue } = fc.letrec((tie) => ({
  anyValue: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    fc.record({ stringValue: text }),
    fc.record({ boolValue: fc.boolean() }),
    fc.record({ intValue: int64Spelling }),
    fc.record({ doubleValue: double }),
    fc.record({ bytesValue: fc.uint8Array({ maxLength: 6 }).map((bytes) => Buffer.from(bytes).toString('base64')) }),
    fc.constant({}),
    fc.record({ arrayValue: fc.record({ values: fc.array(tie('anyValue'), { maxLength: 3 }) }) }),
    fc.record({ kvlistValue: fc.record({ values: fc.array(tie('keyValue'), { maxLength: 3 }) }) }),
  ),
  keyValue: fc.record({ key: text, value: tie('anyValue') }),
}))
const attributes = fc.array(keyValue, { maxLength: 4 })

const event = fc.record({ timeUnixNano: timeSpelling, name: text, attributes, droppedAttributesCount: count }, { requiredKeys: ['timeUnixNano', 'name'] })
const link = fc.record(
  { traceId: hexId(16), spanId: hexId(8), traceState: text, attributes, droppedAttributesCount: count, flags: count },
  { requiredKeys: ['traceId', 'spanId'] },
)
const span = fc.record(
  {
    traceId: fc.oneof(hexId(16), fc.constant('5b8efff798038103d269b633813fc60c')),
    spanId: hexId(8),
    parentSpanId: fc.oneof(hexId(8), fc.constant('')),
    traceState: text,
    flags: count,
    name: text,
    kind: fc.nat(5),
    startTimeUnixNano: timeSpelling,
    endTimeUnixNano: timeSpelling,
    attributes,
    droppedAttributesCount: count,
    events: fc.array(event, { maxLength: 2 }),
    droppedEventsCount: count,
    links: fc.array(link, { maxLength: 2 }),
    droppedLinksCount: count,
    status: fc.record({ code: fc.nat(2), message: text }, { requiredKeys: [] }),
  },
  { requiredKeys: ['traceId', 'spanId', 'name', 'startTimeUnixNano', 'endTimeUnixNano'] },
)
const request = fc.record({
  resourceSpans: fc.array(
    fc.record(
      {
        resource: fc.record({ attributes, droppedAttributesCount: count }, { requiredKeys: [] }),
        schemaUrl: text,
        scopeSpans: fc.array(
          fc.record(
            {
              scope: fc.record({ name: text, version: text, attributes, droppedAttributesCount: count }, { requiredKeys: [] }),
              schemaUrl: text,
              spans: fc.array(span, { maxLength: 3 }),
            },
            { requiredKeys: ['spans'] },
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ['scopeSpans'] },
    ),
    { minLength: 1, maxLength: 2 },
  ),
})

// ---- mutations: a field of the parsed request replaced or removed, or the text or bytes damaged ----

const ODD_VALUES: unknown[] = [
  undefined,
  null,
  -1,
  1.5,
  0,
  '',
  'x',
  '-0',
  '007',
  true,
  [],
  {},
  'ABCDEF0123456789',
  'ABCDEF0123456789ABCDEF0123456789',
  '00000000000000000000000000000000',
  '9223372036854775808',
  '18446744073709551616',
  new RawNumber('9223372036854775808'),
  new RawNumber('12345678901234567890123'),
  4294967296,
  'NaN',
  'Infinity',
  { stringValue: 'a', intValue: '1' },
  { arrayValue: { values: [{ intValue: 5 }] } },
  { doubleValue: new RawNumber('1e400') }, // beyond the double range: JSON.parse makes it Infinity
]

/** Every (object, key) slot of a parsed request, in a fixed order. */
function slotsOf(value: unknown, slots: [Record<string, unknown>, string][] = []): [Record<string, unknown>, string][] {
  if (value === null || typeof value !== 'object' || value instanceof RawNumber) return slots
  for (const [key, item] of Object.entries(value)) {
    slots.push([value as Record<string, unknown>, key])
    slotsOf(item, slots)
  }
  return slots
}

const mutation = fc.record({ at: fc.nat(), odd: fc.constantFrom(...ODD_VALUES) })
const mutatedRequest = fc.tuple(request, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([original, mutations]) => {
  for (const { at, odd } of mutations) {
    const slots = slotsOf(original)
    if (slots.length === 0) break
    const [owner, key] = slots[at % slots.length]!
    if (odd === undefined) delete owner[key]
    // a copy: the pool's objects are shared, and one placed inside itself would make a cycle
    else owner[key] = odd instanceof RawNumber || typeof odd !== 'object' ? odd : structuredClone(odd)
  }
  return original
})

const textEdit = fc.record({ at: fc.nat(), remove: fc.nat(3), insert: fc.constantFrom('', '"', ',', '}', ']', '0', '\\', '{"a":1}', ' ') })

function editText(original: string, { at, remove, insert }: { at: number; remove: number; insert: string }): string {
  const position = at % (original.length + 1)
  return original.slice(0, position) + insert + original.slice(position + remove)
}

const byteEdit = fc.record({ at: fc.nat(), remove: fc.nat(2), insert: fc.uint8Array({ maxLength: 3 }) })

function editBytes(original: Uint8Array, { at, remove, insert }: { at: number; remove: number; insert: Uint8Array }): Buffer {
  const position = at % (original.length + 1)
  return Buffer.concat([original.subarray(0, position), insert, original.subarray(position + remove)])
}

// ---- the comparison ----

/** What ingest makes of a body: the batch (readable), or the 400's message; anything else thrown is a bug. */
function outcome(encoding: OtlpEncoding, body: Buffer, generalPathOnly: boolean) {
  try {
    return { batch: readableBatch(encodeBatch(encoding, body, { generalPathOnly })) }
  } catch (error) {
    if (error instanceof OtlpRequestError) return { error: error.message }
    throw error
  }
}

function expectFastPathAgrees(encoding: OtlpEncoding, body: Buffer): void {
  expect(outcome(encoding, body, false)).toEqual(outcome(encoding, body, true))
}

describe('the fast scanners against the general path', () => {
  it('JSON: random valid requests in every spelling give exactly the general path result, and the scanner takes most of them', () => {
    let taken = 0
    fc.assert(
      fc.property(request, fc.boolean(), (generated, pretty) => {
        const body = Buffer.from(toJsonText(generated, pretty))
        if (scanJsonRequest(body.toString(), ids)) taken += 1
        expectFastPathAgrees('json', body)
      }),
      { numRuns: NUM_RUNS },
    )
    // not a vacuous comparison: most valid requests stay on the fast path (the rest have an invalid span, such as an end before the start)
    expect(taken).toBeGreaterThan(NUM_RUNS / 4)
  })

  it('JSON: mutated requests give exactly the general path result or 400, never anything else', () => {
    fc.assert(
      fc.property(mutatedRequest, (mutated) => expectFastPathAgrees('json', Buffer.from(toJsonText(mutated, false)))),
      { numRuns: NUM_RUNS },
    )
    fc.assert(
      fc.property(request, fc.array(textEdit, { minLength: 1, maxLength: 2 }), (generated, edits) => {
        expectFastPathAgrees('json', Buffer.from(edits.reduce(editText, toJsonText(generated, false))))
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('protobuf: random valid requests give exactly the general path result, and the scanner takes most of them', () => {
    let taken = 0
    fc.assert(
      fc.property(request, (generated) => {
        const body = Buffer.from(encodeProtobufRequest(withoutRawNumbers(generated)))
        if (scanProtobufRequest(body, ids)) taken += 1
        expectFastPathAgrees('protobuf', body)
      }),
      { numRuns: NUM_RUNS },
    )
    expect(taken).toBeGreaterThan(NUM_RUNS / 4)
  })

  it('protobuf: damaged bytes give exactly the general path result or 400, never anything else', () => {
    fc.assert(
      fc.property(request, fc.array(byteEdit, { minLength: 1, maxLength: 3 }), (generated, edits) => {
        expectFastPathAgrees('protobuf', edits.reduce(editBytes, Buffer.from(encodeProtobufRequest(withoutRawNumbers(generated)))))
      }),
      { numRuns: NUM_RUNS },
    )
  })
})

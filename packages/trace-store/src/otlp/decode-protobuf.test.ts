import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { encodeProtobufRequest } from '../../bench/encode-protobuf.js'
import { makeRequest, makeSpan, newSpanId, newTraceId } from '../../test-support/otlp-builders.js'
import { decodeProtobufRequest } from './decode-protobuf.js'

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url))

describe('decodeProtobufRequest', () => {
  it('decodes span and link flags (fields 16 and 6 of opentelemetry-proto since 1.1)', () => {
    const link = { traceId: newTraceId(), spanId: newSpanId(), attributes: [], flags: 0x301 }
    const request = makeRequest('flags', [makeSpan({ flags: 0x301, links: [link] })])
    const decoded = decodeProtobufRequest(encodeProtobufRequest(request)) as {
      resourceSpans: { scopeSpans: { spans: { flags: number; links: { flags: number }[] }[] }[] }[]
    }
    const span = decoded.resourceSpans[0]!.scopeSpans[0]!.spans[0]!
    expect(span.flags).toBe(0x301)
    expect(span.links[0]!.flags).toBe(0x301)
  })
})

describe('the generated OTLP protobuf code', () => {
  it('is what scripts/generate-otlp-proto.mjs makes from the committed .proto files', () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'spanlight-otlp-proto-'))
    try {
      execFileSync(process.execPath, [path.join(PACKAGE_DIR, 'scripts/generate-otlp-proto.mjs'), outDir])
      for (const file of ['otlp-trace.js', 'otlp-trace.d.ts']) {
        expect(readFileSync(path.join(outDir, file), 'utf8'), `otlp-proto/${file} is stale: run npm run generate:proto in packages/trace-store`).toBe(
          readFileSync(path.join(PACKAGE_DIR, 'otlp-proto', file), 'utf8'),
        )
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  })
})

import { describe, expect, it } from 'vitest'
import { collectSpans } from './collect-spans.js'
import type { SpanRecord } from './span-record.js'
import { spanRecordOf } from './span-record.js'
import { makeRequest, makeSpan } from '../../test-support/otlp-builders.js'
import { mergeSummaries, summaryOfSpan } from './trace-summary.js'

const traceId = 'a'.repeat(32)

function ingestSpan(service: string, overrides: Parameters<typeof makeSpan>[0]): SpanRecord {
  return spanRecordOf(traceId, collectSpans(makeRequest(service, [makeSpan({ traceId, ...overrides })])).spans[0]!.stored)
}

describe('mergeSummaries', () => {
  //   root (web, parentless, t=100)
  //     └ child (api, t=120, ERROR) — arrives first
  const child = ingestSpan('api', {
    spanId: '2'.repeat(16),
    parentSpanId: '1'.repeat(16),
    name: 'child',
    startTimeUnixNano: '120',
    endTimeUnixNano: '180',
    status: { code: 2 },
  })
  const root = ingestSpan('web', { spanId: '1'.repeat(16), name: 'root', startTimeUnixNano: '100', endTimeUnixNano: '200' })

  it('uses the earliest span as a provisional root until the parentless span arrives', () => {
    const summary = summaryOfSpan(child)
    expect(summary).toMatchObject({ hasRoot: false, rootSpanName: 'child', rootServiceName: 'api' })
  })

  it('replaces the provisional root with the parentless span whichever order they come in', () => {
    for (const merged of [mergeSummaries(summaryOfSpan(child), summaryOfSpan(root)), mergeSummaries(summaryOfSpan(root), summaryOfSpan(child))]) {
      expect(merged).toMatchObject({
        hasRoot: true,
        rootSpanName: 'root',
        rootServiceName: 'web',
        startTimeUnixNano: 100n,
        endTimeUnixNano: 200n,
        spanCount: 2,
        errorCount: 1,
      })
      expect(merged.services).toEqual(
        expect.arrayContaining([
          { name: 'api', spanCount: 1, errorCount: 1, clientErrorCount: 0 },
          { name: 'web', spanCount: 1, errorCount: 0, clientErrorCount: 0 },
        ]),
      )
    }
  })

  it('keeps a parentless root even when a later child started earlier (clock skew)', () => {
    const skewedChild = ingestSpan('api', {
      spanId: '3'.repeat(16),
      parentSpanId: '1'.repeat(16),
      name: 'skewed',
      startTimeUnixNano: '50',
      endTimeUnixNano: '60',
    })
    const merged = mergeSummaries(summaryOfSpan(root), summaryOfSpan(skewedChild))
    expect(merged).toMatchObject({ rootSpanName: 'root', startTimeUnixNano: 50n })
  })
})

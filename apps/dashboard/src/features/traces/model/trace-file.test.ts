import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MISSING_ID, parseTraceFile, TRACE_FILE_MESSAGES, type TraceFileResult } from './trace-file'

const fixture = (name: string) => readFileSync(new URL(`../../../../e2e/fixtures/${name}`, import.meta.url), 'utf8')

function opened(result: TraceFileResult) {
  if (!result.ok) throw new Error(`expected a trace, got: ${result.error}`)
  return result
}
function failed(result: TraceFileResult): string {
  if (result.ok) throw new Error('expected an error')
  return result.error
}

describe('parseTraceFile', () => {
  it('reads the OTLP JSON the dashboard downloads into one trace with its spans, services, events and statuses', () => {
    const result = opened(parseTraceFile(fixture('otlp-download-checkout-web-api.json')))
    expect(result.format).toBe('otlp')
    expect(result.traces).toHaveLength(1)
    const [trace] = result.traces
    expect(trace!.traceId).toBe('5b8efff798038103d269b633813fc60c')
    expect(trace!.durationMs).toBe(120)
    expect(trace!.spans.map((span) => [span.name, span.serviceName, span.kind, span.parentSpanId])).toEqual([
      ['checkout page', 'web', 'internal', null],
      ['GET /api/cart', 'web', 'client', 'a1a1a1a1a1a1a1a1'],
      ['load cart', 'api', 'server', 'b2b2b2b2b2b2b2b2'],
      ['reserve stock', 'api', 'internal', 'c3c3c3c3c3c3c3c3'],
    ])
    const reserve = trace!.spans[3]!
    expect(reserve.status).toEqual({ code: 'error', message: 'out of stock' })
    expect(reserve.events[0]).toMatchObject({
      name: 'exception',
      attributes: [
        { key: 'exception.type', value: 'Error' },
        { key: 'exception.message', value: 'out of stock' },
      ],
    })
    expect(trace!.spans[1]!.attributes).toContainEqual({ key: 'http.response.status_code', value: 200 })
    expect(trace!.spans[2]!.attributes).toContainEqual({ key: 'cart.total', value: 12.5 })
    expect(trace!.resources[reserve.resourceId]).toContainEqual({ key: 'service.name', value: 'api' })
    expect(reserve.scope).toEqual({ name: '@opentelemetry/instrumentation-http', version: '0.57.0' })
  })

  it('reads the Collector file exporter (one request per line) and groups spans from several lines into their traces', () => {
    const result = opened(parseTraceFile(fixture('otlp-collector-file-exporter-two-traces.jsonl')))
    expect(result.format).toBe('otlp-lines')
    expect(result.traces.map((trace) => [trace.traceId, trace.spans.map((span) => `${span.serviceName}: ${span.name}`)])).toEqual([
      ['5b8efff798038103d269b633813fc60c', ['frontend: HTTP GET /dispatch', 'driver: FindNearest']],
      ['0af7651916cd43dd8448eb211c80319c', ['driver: health check']],
    ])
  })

  it("reads Jaeger UI's Download JSON: µs times, parents from references, kind and status from tags, logs as events", () => {
    const result = opened(parseTraceFile(fixture('jaeger-ui-download-frontend-driver.json')))
    expect(result.format).toBe('jaeger')
    const [trace] = result.traces
    expect(trace!.traceId).toBe('2ea75461946a7dd10f2c15ab36a076cb')
    expect(trace!.startTimeUnixNano).toBe('1765100000000000000')
    expect(trace!.durationMs).toBeCloseTo(261.558)
    const [root, client, driver] = trace!.spans
    expect(root).toMatchObject({
      name: 'HTTP GET /dispatch',
      kind: 'server',
      parentSpanId: null,
      serviceName: 'frontend',
      scope: { name: 'net/http', version: '' },
    })
    expect(root!.attributes).toEqual([{ key: 'http.status_code', value: 200 }])
    expect(client).toMatchObject({ kind: 'client', parentSpanId: 'c8d93156b47cd010', status: { code: 'error', message: 'connection reset' } })
    expect(client!.events).toEqual([
      { timeUnixNano: '1765100000150000000', name: 'exception', attributes: [{ key: 'exception.message', value: 'connection reset' }] },
    ])
    // Jaeger prints ids without leading zeros
    expect(driver).toMatchObject({ spanId: '0f0e1d2c3b4a5968', parentSpanId: '9082d67808fc8870', serviceName: 'driver', durationMs: 120 })
    expect(trace!.resources[root!.resourceId]).toEqual([
      { key: 'service.name', value: 'frontend' },
      { key: 'hostname', value: 'frontend-7d9' },
    ])
    expect(trace!.warnings).toEqual(['span f0e1d2c3b4a5968: clock skew adjustment disabled; not applying calculated delta of -1.2ms'])
  })

  it("reads Tempo's envelope with base64 ids and enum names", () => {
    const tempo = {
      trace: {
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'cart' } }] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: 'W47/95gDgQPSabYzgT/GDA==',
                    spanId: '7uGbfsPBsXQ=',
                    name: 'GET /cart',
                    kind: 'SPAN_KIND_SERVER',
                    startTimeUnixNano: '1718000000000000000',
                    endTimeUnixNano: '1718000000120000000',
                    status: { code: 'STATUS_CODE_ERROR' },
                  },
                ],
              },
            ],
          },
        ],
      },
    }
    const [trace] = opened(parseTraceFile(JSON.stringify(tempo))).traces
    expect(trace!.traceId).toBe('5b8efff798038103d269b633813fc60c')
    expect(trace!.spans[0]).toMatchObject({ spanId: 'eee19b7ec3c1b174', kind: 'server', status: { code: 'error' }, durationMs: 120 })
  })

  describe('says what is wrong with a file that is no trace', () => {
    it('an empty file', () => {
      expect(failed(parseTraceFile('  \n'))).toBe(TRACE_FILE_MESSAGES.empty)
    })

    it('a file that is not JSON', () => {
      expect(failed(parseTraceFile('<html>not a trace</html>'))).toMatch(/^The file is not JSON \(/)
    })

    it('a JSON Lines file with a broken line names the line', () => {
      const lines = fixture('otlp-collector-file-exporter-two-traces.jsonl').trimEnd().split('\n')
      expect(failed(parseTraceFile(`${lines[0]}\n{"resourceSpans":[`))).toMatch(/^Line 2 of the file is not JSON \(/)
    })

    it('JSON in neither format names its top-level keys', () => {
      expect(failed(parseTraceFile(fixture('neither-otlp-nor-jaeger.json')))).toBe(TRACE_FILE_MESSAGES.neither(['services', 'total']))
      expect(failed(parseTraceFile('[1, 2]'))).toBe(TRACE_FILE_MESSAGES.neither([]))
    })

    it('an OTLP span without a span id, by its path', () => {
      const file = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: '5b8efff798038103d269b633813fc60c', name: 'x' }] }] }] }
      expect(failed(parseTraceFile(JSON.stringify(file)))).toBe(
        TRACE_FILE_MESSAGES.invalid('OTLP JSON', 'resourceSpans[0].scopeSpans[0].spans[0].spanId', MISSING_ID),
      )
    })

    it('a Jaeger span without a trace id, by its path', () => {
      const file = { data: [{ spans: [{ spanID: 'c8d93156b47cd010', startTime: 1, duration: 1 }] }] }
      expect(failed(parseTraceFile(JSON.stringify(file)))).toBe(TRACE_FILE_MESSAGES.invalid('Jaeger JSON', 'data[0].spans[0].traceID', MISSING_ID))
    })

    it('an id that is neither hex nor base64', () => {
      const file = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'not-a-trace-id!', spanId: 'eee19b7ec3c1b174' }] }] }] }
      expect(failed(parseTraceFile(JSON.stringify(file)))).toContain(
        'resourceSpans[0].scopeSpans[0].spans[0]: trace id "not-a-trace-id!" is neither 32 hex digits',
      )
    })

    it('a file without spans', () => {
      expect(failed(parseTraceFile('{"resourceSpans":[]}'))).toBe(TRACE_FILE_MESSAGES.noSpans)
      expect(failed(parseTraceFile('{"data":[]}'))).toBe(TRACE_FILE_MESSAGES.noSpans)
    })
  })
})

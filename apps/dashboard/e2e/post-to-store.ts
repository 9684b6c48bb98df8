import { expect } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { ROLLBAR_POST_TOKEN, STORE_URL } from './ports'

// Seeding in bulk, for the specs that need many traces and reports (seed.ts sends single ones with the real
// OpenTelemetry exporter and the real `rollbar` package): OTLP/JSON and rollbar.js-shaped payloads posted to the store.

export const randomHex = (bytes: 8 | 16) => randomBytes(bytes).toString('hex')

export interface SeedTrace {
  traceId: string
  spanId: string
  /** a span of a trace already listed (entries with the same trace id make one trace) */
  parentSpanId?: string
  service: string
  name: string
  /** unix ms */
  startMs: number
  durationMs: number
  error?: boolean
  attributes?: Record<string, string>
}

/** One span per entry (a single-span trace unless it names a parent), all in one OTLP/JSON request. */
export async function postTraces(traces: SeedTrace[]): Promise<void> {
  const nano = (ms: number) => String(BigInt(Math.round(ms)) * 1_000_000n)
  const resourceSpans = traces.map((trace) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: trace.service } }] },
    scopeSpans: [
      {
        scope: { name: 'e2e-seed' },
        spans: [
          {
            traceId: trace.traceId,
            spanId: trace.spanId,
            ...(trace.parentSpanId ? { parentSpanId: trace.parentSpanId } : {}),
            name: trace.name,
            kind: 2,
            startTimeUnixNano: nano(trace.startMs),
            endTimeUnixNano: nano(trace.startMs + trace.durationMs),
            attributes: Object.entries(trace.attributes ?? {}).map(([key, value]) => ({ key, value: { stringValue: value } })),
            status: trace.error ? { code: 2, message: 'failed' } : {},
          },
        ],
      },
    ],
  }))
  const response = await fetch(`${STORE_URL}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resourceSpans }),
  })
  expect(response.status, await response.text()).toBe(200)
}

/**
 * One error report as rollbar.js sends it (CONTRACTS.md e: `POST /api/1/item/`, the token in X-Rollbar-Access-Token),
 * with the trace, span and session in `data.custom` as the web-tracing bridge puts them.
 */
export async function postRollbarReport(report: {
  message: string
  uuid: string
  timestampSec: number
  custom: { trace_id?: string; span_id?: string; session_id?: string }
}): Promise<void> {
  const data = {
    environment: 'e2e',
    level: 'error',
    platform: 'browser',
    framework: 'browser-js',
    language: 'javascript',
    uuid: report.uuid,
    timestamp: report.timestampSec,
    body: {
      trace: {
        exception: { class: 'TypeError', message: report.message },
        frames: [{ filename: 'https://app/static/main.js', lineno: 10, colno: 5, method: 'render' }],
      },
    },
    custom: report.custom,
    notifier: { name: 'rollbar-browser-js', version: '3.1.0' },
  }
  await postRollbarData(data)
}

/** Posts a Rollbar payload's `data` as rollbar.js does, with the post token. */
export async function postRollbarData(data: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${STORE_URL}/api/1/item/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rollbar-access-token': ROLLBAR_POST_TOKEN },
    body: JSON.stringify({ data }),
  })
  expect(response.status, await response.text()).toBe(200)
}

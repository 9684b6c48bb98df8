import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api'
import { TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace'
import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { traceIdRatioSampler } from './trace-id-ratio-sampler.js'

// The oracle: OpenTelemetry's own sampler, on 2,000 trace ids per ratio,
// spread uniformly (hashes: a linear congruential generator in doubles
// overflows past 2^53 and gave ids that were mostly zeros).
function traceIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => createHash('sha256').update(`trace ${index}`).digest('hex').slice(0, 32))
}

const IDS = [
  ...traceIds(2000),
  'ffffffffffffffffffffffffffffffff',
  '00000000000000000000000000000001',
  '0'.repeat(32),
  'not-a-trace-id',
  'ABCDEF0123456789ABCDEF0123456789',
]

describe('traceIdRatioSampler, against TraceIdRatioBasedSampler', () => {
  for (const ratio of [0, 0.001, 0.1, 0.5, 0.75, 0.999, 1]) {
    it(`decides like OpenTelemetry at ratio ${ratio}`, () => {
      const ours = traceIdRatioSampler(ratio)
      const theirs = new TraceIdRatioBasedSampler(ratio)
      const decide = (sampler: typeof ours, traceId: string) => sampler.shouldSample(ROOT_CONTEXT, traceId, 'span', SpanKind.INTERNAL, {}, []).decision
      expect(IDS.map((traceId) => decide(ours, traceId))).toEqual(IDS.map((traceId) => decide(theirs, traceId)))
      expect(ours.toString()).toBe(theirs.toString())
    })
  }
})

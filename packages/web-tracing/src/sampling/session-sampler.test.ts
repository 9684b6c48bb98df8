import { ROOT_CONTEXT, SpanKind, trace, TraceFlags, type Context } from '@opentelemetry/api'
import { SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace'
import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { sessionSampler } from './session-sampler.js'

/** Deterministic, uniformly spread 32-hex-digit ids (session ids and trace ids have the same shape). */
function hexIds(count: number, label: string): string[] {
  return Array.from({ length: count }, (_, index) => createHash('sha256').update(`${label} ${index}`).digest('hex').slice(0, 32))
}

const TRACE_IDS = hexIds(50, 'trace')
const SESSION_IDS = hexIds(400, 'session')
const decide = (sampler: ReturnType<typeof sessionSampler>, traceId: string, parent: Context = ROOT_CONTEXT) =>
  sampler.shouldSample(parent, traceId, 'span', SpanKind.INTERNAL, {}, []).decision
const withParent = (traceFlags: TraceFlags, isRemote: boolean) =>
  trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_IDS[0]!, spanId: '1111111111111111', traceFlags, isRemote })

describe('sessionSampler', () => {
  it('gives every trace of a session the same decision, the one the trace-id ratio rule gives the session id', () => {
    const oracle = new TraceIdRatioBasedSampler(0.5)
    let kept = 0
    for (const sessionId of SESSION_IDS) {
      const sampler = sessionSampler(0.5, () => sessionId)
      const expected = oracle.shouldSample(ROOT_CONTEXT, sessionId).decision
      expect(new Set(TRACE_IDS.map((traceId) => decide(sampler, traceId)))).toEqual(new Set([expected]))
      if (expected === SamplingDecision.RECORD_AND_SAMPLED) kept++
    }
    // 400 random sessions at 0.5: far inside a 6-sigma binomial bound (sigma = 10)
    expect(kept).toBeGreaterThan(140)
    expect(kept).toBeLessThan(260)
  })

  it('decides anew when the session changes, and the same again for the same id (a reload)', () => {
    let current = SESSION_IDS[0]!
    const sampler = sessionSampler(0.5, () => current)
    const decisions = SESSION_IDS.map((sessionId) => ((current = sessionId), decide(sampler, TRACE_IDS[0]!)))
    expect(new Set(decisions).size).toBe(2)
    const again = sessionSampler(0.5, () => current)
    expect(SESSION_IDS.map((sessionId) => ((current = sessionId), decide(again, TRACE_IDS[1]!)))).toEqual(decisions)
  })

  it('keeps every session at 1 and none at 0', () => {
    expect(
      new Set(
        SESSION_IDS.map((id) =>
          decide(
            sessionSampler(1, () => id),
            TRACE_IDS[0]!,
          ),
        ),
      ),
    ).toEqual(new Set([SamplingDecision.RECORD_AND_SAMPLED]))
    expect(
      new Set(
        SESSION_IDS.map((id) =>
          decide(
            sessionSampler(0, () => id),
            TRACE_IDS[0]!,
          ),
        ),
      ),
    ).toEqual(new Set([SamplingDecision.NOT_RECORD]))
  })

  it('lets spans follow a parent in the page (a trace outliving its session stays whole)', () => {
    const dropped = sessionSampler(0, () => SESSION_IDS[0]!)
    const kept = sessionSampler(1, () => SESSION_IDS[0]!)
    expect(decide(dropped, TRACE_IDS[0]!, withParent(TraceFlags.SAMPLED, false))).toBe(SamplingDecision.RECORD_AND_SAMPLED)
    expect(decide(kept, TRACE_IDS[0]!, withParent(TraceFlags.NONE, false))).toBe(SamplingDecision.NOT_RECORD)
  })

  it('joins a sampled trace from another service only when the session is kept, and respects an unsampled one', () => {
    const dropped = sessionSampler(0, () => SESSION_IDS[0]!)
    const kept = sessionSampler(1, () => SESSION_IDS[0]!)
    expect(decide(dropped, TRACE_IDS[0]!, withParent(TraceFlags.SAMPLED, true))).toBe(SamplingDecision.NOT_RECORD)
    expect(decide(kept, TRACE_IDS[0]!, withParent(TraceFlags.SAMPLED, true))).toBe(SamplingDecision.RECORD_AND_SAMPLED)
    expect(decide(kept, TRACE_IDS[0]!, withParent(TraceFlags.NONE, true))).toBe(SamplingDecision.NOT_RECORD)
  })
})

import { isValidTraceId } from '@opentelemetry/api'
import { SamplingDecision, type Sampler } from '@opentelemetry/sdk-trace'

/**
 * Records `ratio` (0 to 1) of new traces, decided from the trace id so
 * every service that samples the same way agrees: the decisions of
 * @opentelemetry/sdk-trace's TraceIdRatioBasedSampler (its test compares
 * the two) in less code, since the ratio is already validated by resolveConfig.
 */
export function traceIdRatioSampler(ratio: number): Sampler {
  return idRatioSampler(ratio, (traceId) => traceId, `TraceIdRatioBased{${ratio}}`)
}

/**
 * Records `ratio` of new traces like {@link traceIdRatioSampler}, but decided
 * from an id other than the trace's: every trace started while `idOf`
 * returns the same 32-hex-digit id gets the same decision.
 */
export function idRatioSampler(ratio: number, idOf: (traceId: string) => string, description: string): Sampler {
  const upperBound = ratio >= 1 ? 0x100000000 : Math.floor(ratio * 0xffffffff)
  return {
    shouldSample: (_context, traceId) => {
      const id = idOf(traceId)
      return { decision: isValidTraceId(id) && accumulate(id) < upperBound ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD }
    },
    toString: () => description,
  }
}

/** XOR of the id's four 32-bit words, unsigned. */
function accumulate(id: string): number {
  let accumulation = 0
  for (let index = 0; index < 32; index += 8) accumulation = (accumulation ^ parseInt(id.slice(index, index + 8), 16)) >>> 0
  return accumulation
}

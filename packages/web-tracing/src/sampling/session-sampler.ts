import { ParentBasedSampler, type Sampler } from '@opentelemetry/sdk-trace'
import { idRatioSampler } from './trace-id-ratio-sampler.js'

/**
 * Keeps or drops whole sessions: `ratio` of sessions are recorded, decided
 * from the session id (random, 32 hex digits), so a reload of the same
 * session decides the same and a new session decides anew. Spans with a
 * parent in the page follow it (a trace that outlives its session stays
 * whole); a sampled parent from another service (the page's
 * `<meta name="traceparent">`) is kept only when the session is, and an
 * unsampled one is respected as usual.
 */
export function sessionSampler(ratio: number, sessionId: () => string): Sampler {
  const bySession = idRatioSampler(ratio, sessionId, `SessionRatioBased{${ratio}}`)
  return new ParentBasedSampler({ root: bySession, remoteParentSampled: bySession })
}

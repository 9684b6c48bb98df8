import { describe, expect, it } from 'vitest'
import { ApiError } from '../api-client'
import { adviceFor, UPSTREAM_ADVICE } from './states'

describe('adviceFor a failing source', () => {
  it('gives advice by the kind of failure that names no source, so a Jaeger or Tempo user is never told to start the trace store', () => {
    for (const code of ['upstream_unreachable', 'upstream_error', 'upstream_bad_response', 'something_new']) {
      const { advice } = adviceFor(new ApiError(502, code, 'could not reach Jaeger: check that Jaeger is running'))
      expect(advice).not.toMatch(/trace store|npm start/)
      expect(advice).toBe(UPSTREAM_ADVICE[code] ?? UPSTREAM_ADVICE.upstream_error)
    }
    expect(adviceFor(new ApiError(502, 'upstream_unreachable', '')).advice).toMatch(/^Start the source named above/)
  })
})

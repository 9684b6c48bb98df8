import { trace } from '@opentelemetry/api'
import { describe, expect, it, vi } from 'vitest'
import { traceWebVitals, VITALS_MESSAGES } from './trace-web-vitals.js'

describe('traceWebVitals outside a browser', () => {
  it('records nothing and never throws, even when given no tracing handle', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined)
    expect(traceWebVitals({ enabled: true, tracer: trace.getTracer('test') }, { debug: true })).toBe(false)
    expect(traceWebVitals(undefined as never)).toBe(false)
    expect(debug).toHaveBeenCalledWith(`[spanlight] ${VITALS_MESSAGES.notInBrowser}`)
    debug.mockRestore()
  })
})

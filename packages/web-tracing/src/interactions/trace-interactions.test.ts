import { trace } from '@opentelemetry/api'
import { describe, expect, it, vi } from 'vitest'
import { INTERACTIONS_MESSAGES, traceInteractions } from './trace-interactions.js'

describe('traceInteractions outside a browser', () => {
  it('records nothing and never throws, even when given no tracing handle', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined)
    expect(traceInteractions({ enabled: true, tracer: trace.getTracer('test') }, { debug: true })).toBe(false)
    expect(traceInteractions(undefined as never)).toBe(false)
    expect(traceInteractions(null as never, null as never)).toBe(false)
    expect(debug).toHaveBeenCalledWith(`[spanlight] ${INTERACTIONS_MESSAGES.notInBrowser}`)
    debug.mockRestore()
  })
})

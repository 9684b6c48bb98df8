import { trace } from '@opentelemetry/api'
import { describe, expect, it, vi } from 'vitest'
import { LONG_FRAMES_MESSAGES, observedEntryType, traceLongFrames } from './trace-long-frames.js'

describe('observedEntryType', () => {
  it('prefers the Long Animation Frames API, falls back to long tasks, else none', () => {
    expect(observedEntryType(['event', 'longtask', 'long-animation-frame'])).toBe('long-animation-frame')
    expect(observedEntryType(['event', 'longtask'])).toBe('longtask')
    expect(observedEntryType(['event'])).toBeUndefined()
  })
})

describe('traceLongFrames outside a browser', () => {
  it('records nothing and never throws, even when given no tracing handle', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined)
    expect(traceLongFrames({ enabled: true, tracer: trace.getTracer('test') }, { debug: true })).toBe(false)
    expect(traceLongFrames(undefined as never, null as never)).toBe(false)
    expect(debug).toHaveBeenCalledWith(`[spanlight] ${LONG_FRAMES_MESSAGES.notInBrowser}`)
    debug.mockRestore()
  })
})

import { describe, expect, it } from 'vitest'
import { describeLongFrame, type LongFrameEntry, type LongFrameScript } from './describe-long-frame.js'

const script = (overrides: Partial<LongFrameScript> = {}): LongFrameScript => ({
  invoker: 'BUTTON#busy.onclick',
  invokerType: 'event-listener',
  sourceURL: 'https://shop.example.com/assets/app.js?v=3&token=abc#frag',
  sourceFunctionName: 'onBusyClick',
  duration: 40,
  ...overrides,
})

const frame = (overrides: Partial<LongFrameEntry> = {}): LongFrameEntry => ({
  entryType: 'long-animation-frame',
  startTime: 1000,
  duration: 230,
  blockingDuration: 180,
  renderStart: 1210,
  styleAndLayoutStart: 1215,
  scripts: [script({ duration: 12, invoker: 'Window.setTimeout', invokerType: 'user-callback', sourceFunctionName: 'tick' }), script({ duration: 205 })],
  ...overrides,
})

describe('describeLongFrame', () => {
  it('records the frame and its longest script, whose URL loses its query and fragment', () => {
    expect(describeLongFrame(frame())).toEqual({
      'browser.long_frame.entry_type': 'long-animation-frame',
      'browser.long_frame.duration_ms': 230,
      'browser.long_frame.blocking_duration_ms': 180,
      'browser.long_frame.render_start_ms': 210,
      'browser.long_frame.style_and_layout_start_ms': 215,
      'browser.long_frame.script_count': 2,
      'browser.long_frame.script.invoker': 'BUTTON#busy.onclick',
      'browser.long_frame.script.invoker_type': 'event-listener',
      'browser.long_frame.script.source_url': 'https://shop.example.com/assets/app.js',
      'browser.long_frame.script.source_function_name': 'onBusyClick',
      'browser.long_frame.script.duration_ms': 205,
    })
  })

  it('removes the query of an invoker that is a script URL', () => {
    const attributes = describeLongFrame(
      frame({ scripts: [script({ invoker: 'https://shop.example.com/boot.js?session=s3cret', invokerType: 'classic-script' })] }),
    )
    expect(attributes['browser.long_frame.script.invoker']).toBe('https://shop.example.com/boot.js')
  })

  it('leaves out what the browser did not give: no render, no scripts of 5 ms or more, no function name', () => {
    const attributes = describeLongFrame(frame({ renderStart: 0, styleAndLayoutStart: 0, scripts: [script({ sourceFunctionName: '', sourceURL: '' })] }))
    expect(attributes).not.toHaveProperty('browser.long_frame.render_start_ms')
    expect(attributes).not.toHaveProperty('browser.long_frame.style_and_layout_start_ms')
    expect(attributes).not.toHaveProperty('browser.long_frame.script.source_function_name')
    expect(attributes).not.toHaveProperty('browser.long_frame.script.source_url')
    expect(describeLongFrame(frame({ scripts: [] }))).toMatchObject({ 'browser.long_frame.script_count': 0 })
    expect(describeLongFrame(frame({ scripts: [] }))).not.toHaveProperty('browser.long_frame.script.invoker')
  })

  it('records a long task (no Long Animation Frames API) with its blocking time beyond 50 ms and no script', () => {
    expect(describeLongFrame({ entryType: 'longtask', startTime: 500, duration: 120 })).toEqual({
      'browser.long_frame.entry_type': 'longtask',
      'browser.long_frame.duration_ms': 120,
      'browser.long_frame.blocking_duration_ms': 70,
    })
  })
})

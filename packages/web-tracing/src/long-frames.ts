// `@spanlight/web-tracing/long-frames`: a span per long animation frame (a
// long task where the browser has no Long Animation Frames API), with the
// script that blocked, under the interaction or navigation it delayed. Opt-in:
//   traceLongFrames(initWebTracing({ … }), { thresholdMs: 100 })
export {
  traceLongFrames,
  LONG_FRAMES_MESSAGES,
  DEFAULT_LONG_FRAME_THRESHOLD_MS,
  type LongFramesOptions,
  type LongFramesTracing,
} from './long-frames/trace-long-frames.js'
export { DEFAULT_MAX_FRAMES_PER_MINUTE } from './long-frames/frame-budget.js'
export {
  LONG_FRAME_SPAN_NAME,
  ATTR_LONG_FRAME_DURATION,
  ATTR_LONG_FRAME_BLOCKING_DURATION,
  ATTR_LONG_FRAME_SCRIPT_INVOKER,
  ATTR_LONG_FRAME_SCRIPT_SOURCE_URL,
  ATTR_LONG_FRAME_DURING,
} from './long-frames/long-frame-attributes.js'

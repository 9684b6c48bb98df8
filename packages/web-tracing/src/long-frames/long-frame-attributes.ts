// Attribute keys of the long-frame spans. Durations are ms; `*_start_ms`
// are offsets from the frame's start. The script attributes describe the
// frame's longest script, in the names of the Long Animation Frames API's
// PerformanceScriptTiming.

/** Every long frame (and, where the browser has only the Long Tasks API, every long task) is a span with this name. */
export const LONG_FRAME_SPAN_NAME = 'long animation frame'

const PREFIX = 'browser.long_frame.'
/** `long-animation-frame`, or `longtask` where the browser has only the Long Tasks API */
export const ATTR_LONG_FRAME_ENTRY_TYPE = `${PREFIX}entry_type`
export const ATTR_LONG_FRAME_DURATION = `${PREFIX}duration_ms`
/** how long the frame kept the main thread from answering input: the sum of its tasks' time beyond 50 ms */
export const ATTR_LONG_FRAME_BLOCKING_DURATION = `${PREFIX}blocking_duration_ms`
/** when rendering (rAF callbacks, style, layout, paint) began, from the frame's start */
export const ATTR_LONG_FRAME_RENDER_START = `${PREFIX}render_start_ms`
/** when style and layout began, from the frame's start */
export const ATTR_LONG_FRAME_STYLE_AND_LAYOUT_START = `${PREFIX}style_and_layout_start_ms`
/** scripts of 5 ms or more the browser attributed in the frame */
export const ATTR_LONG_FRAME_SCRIPT_COUNT = `${PREFIX}script_count`
/** what ran the longest script: `BUTTON#buy.onclick`, `Window.setTimeout`, `Response.json.then`, a script's URL */
export const ATTR_LONG_FRAME_SCRIPT_INVOKER = `${PREFIX}script.invoker`
/** `event-listener`, `user-callback`, `resolve-promise`, `reject-promise`, `classic-script`, `module-script` */
export const ATTR_LONG_FRAME_SCRIPT_INVOKER_TYPE = `${PREFIX}script.invoker_type`
/** the URL of the script the function was defined in, without query and fragment */
export const ATTR_LONG_FRAME_SCRIPT_SOURCE_URL = `${PREFIX}script.source_url`
export const ATTR_LONG_FRAME_SCRIPT_FUNCTION_NAME = `${PREFIX}script.source_function_name`
export const ATTR_LONG_FRAME_SCRIPT_DURATION = `${PREFIX}script.duration_ms`
/** what the frame delayed: `interaction` (child of its span), `navigation` (child of its span) or `page` (a root span, linked to the page's navigation) */
export const ATTR_LONG_FRAME_DURING = `${PREFIX}during`

// Attribute keys of the web-vital spans. The metric itself uses OpenTelemetry's
// `browser.web_vital.*` attributes (semantic conventions, browser events,
// status: development); the attribution the names of OpenTelemetry's browser
// instrumentation-web-vitals (`browser.web_vital.attribution.*`), extended in
// the same style where it has none (event type, longest script, shift time).

export const ATTR_WEB_VITAL_NAME = 'browser.web_vital.name'
export const ATTR_WEB_VITAL_VALUE = 'browser.web_vital.value'
export const ATTR_WEB_VITAL_RATING = 'browser.web_vital.rating'
export const ATTR_WEB_VITAL_DELTA = 'browser.web_vital.delta'
export const ATTR_WEB_VITAL_ID = 'browser.web_vital.id'
export const ATTR_WEB_VITAL_NAVIGATION_TYPE = 'browser.web_vital.navigation_type'
/** One id per page view (a new one after a back/forward-cache restore): groups the vitals of one view. */
export const ATTR_NAVIGATION_ID = 'spanlight.navigation.id'
/** The page's path (`location.pathname`) when the vital was reported; redacted like every recorded URL. */
export const ATTR_URL_PATH = 'url.path'
/** The route template the app gave (`route` option), e.g. `/orders/:id`. */
export const ATTR_URL_TEMPLATE = 'url.template'

const ATTRIBUTION = 'browser.web_vital.attribution.'

// LCP
/** CSS selector of the LCP element */
export const ATTR_ATTRIBUTION_TARGET = `${ATTRIBUTION}target`
/** the LCP image's URL, without query or fragment */
export const ATTR_ATTRIBUTION_URL = `${ATTRIBUTION}url`
export const ATTR_ATTRIBUTION_TIME_TO_FIRST_BYTE = `${ATTRIBUTION}time_to_first_byte`
export const ATTR_ATTRIBUTION_RESOURCE_LOAD_DELAY = `${ATTRIBUTION}resource_load_delay`
export const ATTR_ATTRIBUTION_RESOURCE_LOAD_DURATION = `${ATTRIBUTION}resource_load_duration`
export const ATTR_ATTRIBUTION_ELEMENT_RENDER_DELAY = `${ATTRIBUTION}element_render_delay`

// INP
export const ATTR_ATTRIBUTION_INTERACTION_TARGET = `${ATTRIBUTION}interaction_target`
/** `pointer` or `keyboard` */
export const ATTR_ATTRIBUTION_INTERACTION_TYPE = `${ATTRIBUTION}interaction_type`
/** the DOM event of the interaction that lasted longest (`pointerdown`, `click`, `keydown`, …), web-vitals 3's `eventType` */
export const ATTR_ATTRIBUTION_EVENT_TYPE = `${ATTRIBUTION}event_type`
export const ATTR_ATTRIBUTION_INPUT_DELAY = `${ATTRIBUTION}input_delay`
export const ATTR_ATTRIBUTION_PROCESSING_DURATION = `${ATTRIBUTION}processing_duration`
export const ATTR_ATTRIBUTION_PRESENTATION_DELAY = `${ATTRIBUTION}presentation_delay`
export const ATTR_ATTRIBUTION_LOAD_STATE = `${ATTRIBUTION}load_state`
// the script that delayed the interaction most (Long Animation Frames API, where the browser has it)
export const ATTR_ATTRIBUTION_SCRIPT_INVOKER = `${ATTRIBUTION}longest_script.invoker`
export const ATTR_ATTRIBUTION_SCRIPT_INVOKER_TYPE = `${ATTRIBUTION}longest_script.invoker_type`
/** without query or fragment */
export const ATTR_ATTRIBUTION_SCRIPT_SOURCE_URL = `${ATTRIBUTION}longest_script.source_url`
export const ATTR_ATTRIBUTION_SCRIPT_FUNCTION_NAME = `${ATTRIBUTION}longest_script.source_function_name`
/** which part of the interaction it delayed: `input-delay`, `processing-duration` or `presentation-delay` */
export const ATTR_ATTRIBUTION_SCRIPT_SUBPART = `${ATTRIBUTION}longest_script.subpart`
/** how long it overlapped that part, ms */
export const ATTR_ATTRIBUTION_SCRIPT_DURATION = `${ATTRIBUTION}longest_script.duration`

// CLS
/** CSS selector of the first element that moved in the largest shift */
export const ATTR_ATTRIBUTION_LARGEST_SHIFT_TARGET = `${ATTRIBUTION}largest_shift_target`
export const ATTR_ATTRIBUTION_LARGEST_SHIFT_VALUE = `${ATTRIBUTION}largest_shift_value`
/** ms since the page's time origin */
export const ATTR_ATTRIBUTION_LARGEST_SHIFT_TIME = `${ATTRIBUTION}largest_shift_time`

// FCP
export const ATTR_ATTRIBUTION_FIRST_BYTE_TO_FCP = `${ATTRIBUTION}first_byte_to_fcp`

// TTFB
export const ATTR_ATTRIBUTION_WAITING_DURATION = `${ATTRIBUTION}waiting_duration`
export const ATTR_ATTRIBUTION_CACHE_DURATION = `${ATTRIBUTION}cache_duration`
export const ATTR_ATTRIBUTION_DNS_DURATION = `${ATTRIBUTION}dns_duration`
export const ATTR_ATTRIBUTION_CONNECTION_DURATION = `${ATTRIBUTION}connection_duration`
export const ATTR_ATTRIBUTION_REQUEST_DURATION = `${ATTRIBUTION}request_duration`

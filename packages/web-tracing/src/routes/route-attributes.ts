// Attribute keys and names of the navigation spans. `browser.page.*` are on
// every span (see signals/page-activity.ts); the dashboard groups by them.

/** Span names are `navigation <route template or path>`. */
export const NAVIGATION_SPAN_PREFIX = 'navigation '
/** `push`, `replace`, `pop` or `hash` */
export const ATTR_NAVIGATION_TYPE = 'browser.navigation.type'
/** the path the app left (`location.pathname` before the change) */
export const ATTR_NAVIGATION_FROM_PATH = 'browser.navigation.from.path'
/** why the span ended: `settled`, `timeout`, `next_navigation` or `page_hide` */
export const ATTR_NAVIGATION_END = 'spanlight.navigation.end'

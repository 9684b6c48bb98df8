// `@spanlight/web-tracing/routes`: a span per route change of a single-page
// app (History API, hash changes), and the current page on every span.
// Opt-in:
//   traceRoutes(initWebTracing({ … }), { route: (path) => matchRoutes(routes, path)?.at(-1)?.route.path })
export { traceRoutes, ROUTES_MESSAGES, type RoutesOptions, type RoutesTracing } from './routes/trace-routes.js'
export { NAVIGATION_SPAN_PREFIX, ATTR_NAVIGATION_TYPE, ATTR_NAVIGATION_FROM_PATH, ATTR_NAVIGATION_END } from './routes/route-attributes.js'
export { ATTR_PAGE_PATH, ATTR_PAGE_ROUTE } from './signals/page-activity.js'
export type { NavigationType } from './routes/classify-navigation.js'
export type { NavigationEnd } from './routes/settle-navigation.js'

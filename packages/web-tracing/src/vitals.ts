// `@spanlight/web-tracing/vitals`: LCP, INP, CLS, FCP and TTFB with
// attribution, from Google's web-vitals library, as one span per metric and
// page view. Opt-in, so apps that do not call it do not bundle web-vitals:
//   traceWebVitals(initWebTracing({ … }), { route: () => currentRouteTemplate })
export { traceWebVitals, VITALS_MESSAGES, type WebVitalsOptions, type WebVitalsTracing } from './vitals/trace-web-vitals.js'
export { WEB_VITAL_SPAN_PREFIX } from './vitals/describe-web-vital.js'
export { ATTR_WEB_VITAL_NAME, ATTR_WEB_VITAL_VALUE, ATTR_WEB_VITAL_RATING, ATTR_NAVIGATION_ID } from './vitals/web-vital-attributes.js'

// `@spanlight/web-tracing/interactions`: clicks, form submits and key
// activations as spans, with the fetches each one causes as its children,
// across `await`s and without zone.js. Opt-in:
//   traceInteractions(initWebTracing({ … }))
export {
  traceInteractions,
  INTERACTIONS_MESSAGES,
  DEFAULT_INTERACTION_MAX_DURATION_MS,
  type InteractionsOptions,
  type InteractionsTracing,
} from './interactions/trace-interactions.js'
export {
  ATTR_INTERACTION_TYPE,
  ATTR_INTERACTION_TARGET_NAME,
  ATTR_INTERACTION_TARGET_TAG,
  ATTR_INTERACTION_TARGET_SELECTOR,
} from './interactions/interaction-attributes.js'

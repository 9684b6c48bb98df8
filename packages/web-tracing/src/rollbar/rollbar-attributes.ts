/**
 * Span attribute holding the uuid of the Rollbar occurrence reported for an
 * error recorded on the span, so a span leads to its Rollbar item. The one
 * definition of the key: the bridge sets it on browser spans, and the demo
 * API imports it for its server spans.
 */
export const ATTR_ROLLBAR_ITEM_UUID = 'rollbar.item.uuid'

// Attribute keys of the interaction spans. The dashboard reads these names:
// change them only together with it.

/** `click`, `submit` or `keydown` */
export const ATTR_INTERACTION_TYPE = 'browser.interaction.type'
/** the element's accessible name (or a `data-*` label, or tag + `#id`); never what a user typed */
export const ATTR_INTERACTION_TARGET_NAME = 'browser.interaction.target.name'
/** the element's lower-case tag (`button`, `a`, `form`, `svg`) */
export const ATTR_INTERACTION_TARGET_TAG = 'browser.interaction.target.tag'
/** a short CSS selector of the element (`div.cart>button#add`), like web-vitals' attribution targets */
export const ATTR_INTERACTION_TARGET_SELECTOR = 'browser.interaction.target.selector'

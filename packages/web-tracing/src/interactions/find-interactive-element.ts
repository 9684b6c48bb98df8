/** What a user interacts with: the nearest of these from the event's target up counts as the interaction's element. */
const INTERACTIVE =
  'button, a, input, select, textarea, summary, label, [role=button], [role=link], [role=menuitem], [role=tab], [role=checkbox], [role=radio], [role=switch], [role=option], [onclick]'
/** Escape closes what is open: with no interactive element focused, the dialog it was pressed in. */
const DIALOG = 'dialog, [role=dialog], [role=alertdialog]'

/**
 * The nearest interactive element on the event's path (shadow roots
 * included: the path starts inside them), or undefined.
 */
export function findInteractiveElement(event: Event, selector: string = INTERACTIVE): Element | undefined {
  for (const target of event.composedPath()) {
    if ((target as Node).nodeType !== 1) continue
    if ((target as Element).matches(selector)) return target as Element
  }
  return undefined
}

export function findDialog(event: Event): Element | undefined {
  return findInteractiveElement(event, DIALOG)
}

/** The element the event happened on, inside shadow roots too (`event.target` is the shadow host at window level). */
export function innermostElement(event: Event): Element | undefined {
  const [first] = event.composedPath()
  if (first && (first as Node).nodeType === 1) return first as Element
  return (event.target as Node | null)?.nodeType === 1 ? (event.target as Element) : undefined
}

const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week'])

/** Elements a user types into: Space there is typing, not an activation. */
export function isTextEntry(element: Element): boolean {
  const tag = element.localName
  if (tag === 'textarea') return true
  if (tag === 'input') return TEXT_INPUT_TYPES.has((element.getAttribute('type') ?? '').toLowerCase())
  const editable = element.getAttribute('contenteditable')
  return (editable !== null && editable !== 'false') || (element as HTMLElement).isContentEditable === true
}

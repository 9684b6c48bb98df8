/** Longest label recorded, in characters (UTF-16 code units). */
export const MAX_LABEL_LENGTH = 64
/** Nodes looked at when a label comes from an element's content: a huge subtree costs no more than this. */
const CONTENT_NODE_BUDGET = 200

// Elements whose content is what a user typed or picked: never read.
const TYPED_CONTENT = new Set(['input', 'textarea', 'select', 'option', 'script', 'style', 'template'])
// Elements named from their content (ARIA "name from content"), as far as this package looks.
const NAMED_FROM_CONTENT = new Set(['button', 'a', 'summary', 'label', 'legend', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const ROLES_NAMED_FROM_CONTENT = new Set(['button', 'link', 'menuitem', 'tab', 'checkbox', 'radio', 'option', 'switch', 'treeitem'])
// form fields named by their <label>s
const LABELLED_FIELDS = new Set(['input', 'select', 'textarea', 'meter', 'progress', 'output'])
// input types whose `value` attribute is the label the page's author wrote, not something typed
const BUTTON_INPUT_TYPES = new Set(['button', 'submit', 'reset'])

/**
 * The label of an interaction's element: `data-spanlight-name` when the app
 * gave one (it wins, as Datadog's `data-dd-action-name` and Faro's
 * `data-faro-user-action-name` do: a link whose text is a user's name can be
 * named without changing what screen readers hear), else its accessible name
 * as far as it is cheap to compute (aria-labelledby, aria-label, `<label>`s,
 * a button input's value attribute, alt, content of buttons and links,
 * title, placeholder), else `data-testid`, else tag + `#id` (or the tag
 * alone). Whitespace collapsed, at most 64 characters.
 * Never reads what a user typed: no input, textarea or select values, no
 * contenteditable content.
 */
export function elementLabel(element: Element): string {
  return clean(element.getAttribute('data-spanlight-name')) || accessibleName(element) || clean(element.getAttribute('data-testid')) || tagAndId(element)
}

function clean(text: string | null | undefined): string {
  if (!text) return ''
  return text
    .slice(0, MAX_LABEL_LENGTH * 4)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_LABEL_LENGTH)
    .trim()
}

function accessibleName(element: Element): string {
  const tag = element.localName
  const labelledBy = clean(element.getAttribute('aria-labelledby'))
  if (labelledBy) {
    const root = element.getRootNode() as Document | ShadowRoot
    const name = clean(
      labelledBy
        .split(' ')
        .map((id) => root.getElementById?.(id))
        .map((label) => (label ? contentText(label) : ''))
        .join(' '),
    )
    if (name) return name
  }
  const ariaLabel = clean(element.getAttribute('aria-label'))
  if (ariaLabel) return ariaLabel
  // `labels` searches the document: only for form fields, which have no content to be named from
  const labels = LABELLED_FIELDS.has(tag) ? (element as HTMLInputElement).labels : undefined
  if (labels && labels.length > 0) {
    const name = clean(Array.from(labels, (label) => contentText(label)).join(' '))
    if (name) return name
  }
  const type = tag === 'input' ? (element.getAttribute('type') ?? '').toLowerCase() : ''
  if (BUTTON_INPUT_TYPES.has(type)) {
    const name = clean(element.getAttribute('value'))
    if (name) return name
  }
  if (tag === 'img' || tag === 'area' || type === 'image') {
    const name = clean(element.getAttribute('alt'))
    if (name) return name
  }
  if (isNamedFromContent(element)) {
    const name = clean(contentText(element))
    if (name) return name
  }
  // an SVG icon names itself with a <title> child
  const svgTitle = element.namespaceURI === 'http://www.w3.org/2000/svg' ? Array.from(element.children).find((child) => child.localName === 'title') : undefined
  return clean(svgTitle?.textContent) || clean(element.getAttribute('title')) || clean(element.getAttribute('placeholder'))
}

function isNamedFromContent(element: Element): boolean {
  if (isTypedContent(element)) return false
  return NAMED_FROM_CONTENT.has(element.localName) || ROLES_NAMED_FROM_CONTENT.has(element.getAttribute('role') ?? '')
}

function isTypedContent(element: Element): boolean {
  if (TYPED_CONTENT.has(element.localName)) return true
  const editable = element.getAttribute('contenteditable')
  return editable !== null && editable !== 'false'
}

/** Text of `root`'s content, images by their alt, without typed content or hidden parts; stops early on huge subtrees. */
function contentText(root: Element): string {
  if (isTypedContent(root)) return ''
  let text = ''
  let budget = CONTENT_NODE_BUDGET
  const stack: Node[] = Array.from(root.childNodes).reverse()
  while (stack.length > 0 && budget-- > 0 && text.length <= MAX_LABEL_LENGTH * 2) {
    const node = stack.pop()!
    if (node.nodeType === 3) {
      text += (node as Text).data
      continue
    }
    if (node.nodeType !== 1) continue
    const element = node as Element
    if (isTypedContent(element) || element.getAttribute('aria-hidden') === 'true') continue
    if (element.localName === 'img') text += ` ${element.getAttribute('alt') ?? ''} `
    else for (let index = element.childNodes.length - 1; index >= 0; index--) stack.push(element.childNodes[index]!)
  }
  return text
}

function tagAndId(element: Element): string {
  return clean(element.id ? `${element.localName}#${element.id}` : element.localName)
}

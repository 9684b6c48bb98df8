/** Longest selector recorded, in characters. */
const MAX_SELECTOR_LENGTH = 100

/**
 * A short CSS selector of `element`, in the style of web-vitals' attribution
 * targets: `tag#id` or `tag.class.class` parts joined by `>`, from the
 * element up to the nearest ancestor with an id, cut at 100 characters
 * (inside a shadow root it stops at the root).
 */
export function elementSelector(element: Element): string {
  const parts: string[] = []
  let length = 0
  for (let node: Element | null = element; node && node.nodeType === 1; node = node.parentElement) {
    const part = describe(node)
    if (parts.length > 0 && length + part.length + 1 > MAX_SELECTOR_LENGTH) break
    parts.unshift(part)
    length += part.length + 1
    if (node.id || node.localName === 'html') break
  }
  return parts.join('>').slice(0, MAX_SELECTOR_LENGTH)
}

function describe(node: Element): string {
  const tag = node.localName
  if (node.id) return `${tag}#${node.id}`
  const classes = (node.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean)
  return classes.length > 0 ? `${tag}.${classes.join('.')}` : tag
}

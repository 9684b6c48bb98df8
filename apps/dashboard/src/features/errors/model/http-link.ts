/** The URL as an href when it is an absolute http(s) URL, else null (a payload's `javascript:` or `data:` stays text). */
export function httpLink(value: string | null | undefined): string | null {
  if (!value) return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return null
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
}

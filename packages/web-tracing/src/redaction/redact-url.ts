import { REDACTED } from '../config/defaults.js'

/** Attribute keys that hold URLs; their values are redacted before export. */
export const URL_ATTRIBUTE_KEYS: readonly string[] = [
  'url.full',
  'http.url',
  'url.query',
  'http.target',
  'url.path',
  'document.url',
  // the page a span started on, and the page a navigation left (/routes)
  'browser.page.path',
  'browser.navigation.from.path',
]

/** Whether a parameter or field name is one whose value is redacted (string: exact, case-insensitive; RegExp: tested). */
export function isRedactedName(name: string, patterns: readonly (string | RegExp)[]): boolean {
  const lower = name.toLowerCase()
  return patterns.some((pattern) => {
    if (typeof pattern === 'string') return lower === pattern.toLowerCase()
    pattern.lastIndex = 0
    return pattern.test(name)
  })
}

/**
 * Replaces credentials and the values of secret-looking query parameters
 * (`?token=abc` → `?token=REDACTED`) in a URL or query string. Text that is
 * not a URL is returned unchanged except for its query part. Never throws.
 */
export function redactUrl(value: string, queryParams: readonly (string | RegExp)[]): string {
  const withoutCredentials = value.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@?#]*)@/i, (_match, scheme: string) => `${scheme}${REDACTED}@`)
  if (queryParams.length === 0) return withoutCredentials
  const hashStart = withoutCredentials.indexOf('#')
  const beforeHash = hashStart === -1 ? withoutCredentials : withoutCredentials.slice(0, hashStart)
  const hash = hashStart === -1 ? '' : withoutCredentials.slice(hashStart + 1)
  const queryStart = beforeHash.indexOf('?')
  // a bare query string ("a=1&token=x", as in url.query) has no '?' and no '/'
  const isBareQuery = queryStart === -1 && beforeHash.includes('=') && !beforeHash.includes('/')
  let head = beforeHash
  if (queryStart !== -1) head = `${beforeHash.slice(0, queryStart + 1)}${redactPairs(beforeHash.slice(queryStart + 1), queryParams)}`
  else if (isBareQuery) head = redactPairs(beforeHash, queryParams)
  if (hashStart === -1) return head
  return `${head}#${hash.includes('=') ? redactPairs(hash, queryParams) : hash}`
}

function redactPairs(query: string, queryParams: readonly (string | RegExp)[]): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      if (equals === -1) return pair
      let name = pair.slice(0, equals)
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '))
      } catch {
        // keep the raw name
      }
      return isRedactedName(name, queryParams) ? `${pair.slice(0, equals)}=${REDACTED}` : pair
    })
    .join('&')
}

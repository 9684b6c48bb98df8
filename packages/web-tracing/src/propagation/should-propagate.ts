import type { ParsedPropagationTarget } from './parse-propagation-target.js'

/**
 * Builds the decision "does a request to this URL get trace headers?":
 * yes for the page's own origin and for the targets, never otherwise, and
 * never for a URL that cannot be parsed. User functions that throw count as no.
 */
export function createPropagationPredicate(targets: ParsedPropagationTarget[], pageOrigin: string | undefined): (url: string) => boolean {
  // apps call the same few URLs over and over: remember recent answers
  const cache = new Map<string, boolean>()
  const decide = (rawUrl: string): boolean => {
    let url: URL
    try {
      url = new URL(rawUrl, pageOrigin)
    } catch {
      return false
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
    if (pageOrigin !== undefined && url.origin === pageOrigin) return true
    const href = url.href
    return targets.some((target) => matchesTarget(target, url, href))
  }
  const hasFunctionTarget = targets.some((target) => target.kind === 'function')
  return (rawUrl: string) => {
    if (hasFunctionTarget) return decide(rawUrl)
    const cached = cache.get(rawUrl)
    if (cached !== undefined) return cached
    const decision = decide(rawUrl)
    if (cache.size >= MAX_CACHED_DECISIONS) cache.clear()
    cache.set(rawUrl, decision)
    return decision
  }
}

const MAX_CACHED_DECISIONS = 256

function matchesTarget(target: ParsedPropagationTarget, url: URL, href: string): boolean {
  switch (target.kind) {
    case 'prefix': {
      if (url.origin !== target.origin) return false
      if (target.pathPrefix === '') return true
      return url.pathname === target.pathPrefix || url.pathname.startsWith(`${target.pathPrefix}/`)
    }
    case 'regexp':
      target.regexp.lastIndex = 0
      return target.regexp.test(href)
    case 'function':
      try {
        return target.test(href) === true
      } catch {
        return false
      }
  }
}

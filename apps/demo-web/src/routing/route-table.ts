// The SPA's pages as route templates. Tracing records the template (`/users/:handle`) as `browser.page.route` and in
// navigation span names, never the handle itself, so this module holds no React: src/tracing.ts imports it too.

export const ROUTE_TEMPLATES = ['/', '/notifications', '/search', '/post', '/errors', '/users/:handle'] as const
export type RouteTemplate = (typeof ROUTE_TEMPLATES)[number]

export interface RouteMatch {
  template: RouteTemplate
  /** the `:name` segments of the template, decoded */
  params: Record<string, string>
}

/** The route a path belongs to (`/users/worf` → `/users/:handle`, `{ handle: 'worf' }`), or undefined. */
export function matchRoute(path: string): RouteMatch | undefined {
  const segments = splitPath(path)
  for (const template of ROUTE_TEMPLATES) {
    const params = matchSegments(splitPath(template), segments)
    if (params) return { template, params }
  }
  return undefined
}

/** The path of a user's profile page. */
export function userPath(handle: string): string {
  return `/users/${encodeURIComponent(handle)}`
}

function splitPath(path: string): string[] {
  // a trailing slash names the same page
  return path.split('/').filter((segment) => segment !== '')
}

function matchSegments(templateSegments: string[], pathSegments: string[]): Record<string, string> | undefined {
  if (templateSegments.length !== pathSegments.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, templateSegment] of templateSegments.entries()) {
    const segment = pathSegments[index]!
    if (templateSegment.startsWith(':')) {
      const value = decodeSegment(segment)
      if (value === undefined) return undefined
      params[templateSegment.slice(1)] = value
    } else if (templateSegment !== segment) {
      return undefined
    }
  }
  return params
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    // a malformed escape (`%E0`) names no page
    return undefined
  }
}

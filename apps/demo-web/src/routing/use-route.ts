import { useMemo, useSyncExternalStore } from 'react'
import { matchRoute, type RouteMatch } from './route-table.js'

// The SPA's router: the History API and nothing else. Links push a path, back/forward fire `popstate`; components
// re-render with the route of `location.pathname`. @spanlight/web-tracing's `/routes` entry watches the same History
// calls, so no router integration is needed.

const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

function currentPath(): string {
  return window.location.pathname
}

/** Goes to `path` within the SPA (a new history entry), as a link click does. */
export function navigate(path: string): void {
  if (path === currentPath()) return
  window.history.pushState(null, '', path)
  for (const listener of listeners) listener()
}

/** The current path and its route (undefined when no page has that path). */
export function useRoute(): { path: string; match: RouteMatch | undefined } {
  const path = useSyncExternalStore(subscribe, currentPath)
  return useMemo(() => ({ path, match: matchRoute(path) }), [path])
}

/**
 * The demo's pages used to be `/#/<page>`: such a URL (a bookmark, an older test) is replaced by `/<page>` before the
 * first render.
 */
export function redirectHashPath(): void {
  const legacy = /^#\/([a-z]+)$/.exec(window.location.hash)
  if (window.location.pathname === '/' && legacy) window.history.replaceState(null, '', `/${legacy[1]}`)
}

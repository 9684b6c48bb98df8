/** How the app changed its location: `history.pushState`, `history.replaceState`, a back/forward (`popstate`) or a fragment change (`hashchange`). */
export type NavigationType = 'push' | 'replace' | 'pop' | 'hash'

/** What told us the location may have changed. */
export type HistorySignal = NavigationType

export interface LocationParts {
  pathname: string
  search: string
  hash: string
}

/**
 * Whether a history change is a navigation, and of which type; undefined
 * when it is not one. The rules:
 * - `replace` counts only when the path changed (routers replace the URL to
 *   store state, sort orders, tokens they consumed: the same page);
 * - `push` and `pop` count when the path or the query changed (a new entry
 *   with other search parameters is another page of results);
 * - a fragment-only change counts as `hash`, however it happened (a link to
 *   `#id`, `location.hash = …`, back to an entry that differs by its
 *   fragment), except through `replaceState`. A back/forward that only
 *   changes the fragment fires `popstate` and then `hashchange`: the
 *   `popstate` is left out so that it is recorded once, as `hash`.
 */
export function classifyNavigation(signal: HistorySignal, from: LocationParts, to: LocationParts): NavigationType | undefined {
  const pageChanged = from.pathname !== to.pathname || from.search !== to.search
  if (signal === 'replace') return from.pathname !== to.pathname ? 'replace' : undefined
  if (!pageChanged && from.hash === to.hash) return undefined
  // the `hashchange` that follows records it
  if (signal === 'pop' && !pageChanged) return undefined
  return signal
}

import type { HistorySignal } from './classify-navigation.js'

type HistoryMethod = 'pushState' | 'replaceState'

/**
 * Calls `onSignal` after every `history.pushState` / `replaceState` call and
 * on every `popstate` and `hashchange`: the ways a single-page app (React
 * Router, TanStack Router, a hash router) changes its location. The History
 * methods are wrapped on the `history` object, where routers look them up on
 * each call. The app's call runs first and unchanged: when the browser
 * refuses it (a cross-origin URL, state it cannot clone, missing arguments)
 * the error reaches the app as before and nothing is signalled. `onSignal`
 * must not throw.
 */
export function watchHistory(onSignal: (signal: HistorySignal) => void): void {
  wrap('pushState', 'push', onSignal)
  wrap('replaceState', 'replace', onSignal)
  window.addEventListener('popstate', () => onSignal('pop'))
  window.addEventListener('hashchange', () => onSignal('hash'))
}

function wrap(method: HistoryMethod, signal: HistorySignal, onSignal: (signal: HistorySignal) => void): void {
  const original = history[method]
  if (typeof original !== 'function') return
  history[method] = function (this: History, ...args: Parameters<History[HistoryMethod]>) {
    const result = original.apply(this, args)
    onSignal(signal)
    return result
  }
}

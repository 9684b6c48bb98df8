/**
 * Exposes `window.__runFetches(count, url)` (sequential fetches, body read,
 * wall ms) and `window.__flush()`, which exports every ended span, so each
 * setup pays for its export inside the measured window.
 */
export function installFetchLoop(flush = () => Promise.resolve()) {
  window.__flush = flush
  window.__runFetches = async (count, url) => {
    const started = performance.now()
    for (let index = 0; index < count; index++) {
      const response = await fetch(url)
      await response.text()
    }
    return performance.now() - started
  }
  window.__READY__ = true
}

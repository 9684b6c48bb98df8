/**
 * The app of the interaction benchmark: one "Add to cart" button whose click
 * handler fetches the API and reads the body, as apps do. Call it after the
 * SDK has started (Honeycomb's user-interaction instrumentation only sees
 * listeners added after it). Exposes `window.__clickDone(count)`, which
 * resolves once `count` clicks have finished their fetch, and
 * `window.__flush()`, which exports every ended span.
 */
export function installClickLoop(flush = () => Promise.resolve()) {
  const { api } = window.__BENCH__
  let done = 0
  const waiting = []
  const button = document.createElement('button')
  button.id = 'buy'
  button.textContent = 'Add to cart'
  button.style.cssText = 'width:200px;height:60px'
  button.addEventListener('click', async () => {
    const response = await fetch(`${api}/api/cart`, { method: 'POST' })
    await response.text()
    done++
    for (const entry of waiting.filter((candidate) => candidate.count <= done)) {
      waiting.splice(waiting.indexOf(entry), 1)
      entry.resolve()
    }
  })
  document.body.append(button)
  window.__clickDone = (count) => (done >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve })))
  window.__flush = flush
  window.__READY__ = true
}

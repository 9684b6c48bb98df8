import { initWebTracing } from '@spanlight/web-tracing'
import { traceInteractions } from '@spanlight/web-tracing/interactions'
import { useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { config, markReady } from './test-config.js'

// A page of interactions whose handlers fetch in the ways apps do — after 0,
// 1 and 3 awaits, in a form's submit, on a key, from React, overlapping —
// next to background work that must never be attributed to them: an
// interval poller and a chain of timers started outside every interaction.
// Every fetch an interaction causes goes to `${api}/api/caused/<case>`,
// every unrelated one to `${api}/api/unrelated/<source>`.
const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  propagateTo: [config.api],
  exportDelayMs: 50,
  instrumentations: { documentLoad: false },
})
// what traceInteractions wraps, as it was before (fetch is instrumentation-fetch's, which stays after shutdown)
const native = {
  fetch: window.fetch,
  setTimeout: window.setTimeout,
  setInterval: window.setInterval,
  requestAnimationFrame: window.requestAnimationFrame,
  json: Response.prototype.json,
}
const started = traceInteractions(tracing)

const url = (path: string) => `${config.api}/api/${path}`
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const settled: string[] = []
const caused = (name: string, delayMs = 0) =>
  fetch(url(`caused/${name}${delayMs ? `?delayMs=${delayMs}` : ''}`)).then(async (response) => {
    const body: unknown = await response.json()
    settled.push(name)
    return body
  })

function button(id: string, text: string, onClick: (event: MouseEvent) => unknown, attributes: Record<string, string> = {}) {
  const element = document.createElement('button')
  element.id = id
  element.textContent = text
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
  element.addEventListener('click', (event) => void onClick(event))
  return element
}

const root = document.getElementById('root')!
const section = (...children: (Node | string)[]) => {
  const element = document.createElement('section')
  element.append(...children)
  root.append(element)
  return element
}

// 0, 1 and 3 awaits before the fetch
section(
  button('zero', 'Zero awaits', () => caused('zero')),
  button('one', 'One await', async () => {
    await Promise.resolve()
    await caused('one')
  }),
  button('timer', 'After a timer', async () => {
    await sleep(50)
    await caused('timer')
  }),
  button('three', 'Three awaits', async () => {
    await Promise.resolve()
    await sleep(20)
    await caused('three-first')
    await caused('three-second')
  }),
)

// a form: the click on its submit button and Enter in its field are a submit of the form
const form = document.createElement('form')
form.id = 'checkout-form'
form.setAttribute('aria-label', 'Checkout')
form.innerHTML = `<label for="coupon">Coupon code</label><input id="coupon" name="coupon"><button id="place-order" type="submit">Place order</button>`
form.addEventListener('submit', (event) => {
  event.preventDefault()
  void (async () => {
    await Promise.resolve()
    await caused('submit')
  })()
})
section(form)

// a label clicks its checkbox: one interaction, named by the label
const giftWrap = document.createElement('input')
giftWrap.type = 'checkbox'
giftWrap.id = 'gift-wrap'
giftWrap.addEventListener('change', () => void caused('label'))
const giftWrapLabel = document.createElement('label')
giftWrapLabel.id = 'gift-wrap-label'
giftWrapLabel.htmlFor = 'gift-wrap'
giftWrapLabel.textContent = 'Gift wrap'
section(giftWrap, giftWrapLabel)

// keyboard: Enter and Space on a button, Enter in a search field outside a form (its value is what the user typed)
const search = document.createElement('input')
search.id = 'search'
search.type = 'search'
const searchLabel = document.createElement('label')
searchLabel.htmlFor = 'search'
searchLabel.textContent = 'Search products'
search.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') void sleep(10).then(() => caused('search'))
})
section(
  button('save-draft', 'Save draft', () => caused('save-draft')),
  searchLabel,
  search,
)

// two overlapping interactions: A's fetch is slow, B is clicked while it runs
section(
  button('slow-a', 'Load slowly', async () => {
    await caused('overlap-a-first', 600)
    await caused('overlap-a-second')
  }),
  button('fast-b', 'Load quickly', async () => {
    await caused('overlap-b-first')
    await caused('overlap-b-second')
  }),
)

// labels from elsewhere than the text: aria-labelledby, title, an image's alt, data-testid, the id
const heading = document.createElement('h3')
heading.id = 'cart-heading'
heading.textContent = 'Shopping cart'
const cart = button('empty-cart', '🗑', () => caused('labelledby'), { 'aria-labelledby': 'cart-heading' })
// an icon hidden from assistive technology: the title names the button
const help = button('help', '', () => caused('title'), { title: 'Help' })
help.innerHTML = '<span aria-hidden="true">?</span>'
const home = document.createElement('a')
home.id = 'home'
home.href = '#home'
home.innerHTML = '<img alt="Home" width="20" height="20">'
home.addEventListener('click', (event) => {
  event.preventDefault()
  void caused('alt')
})
const plain = document.createElement('div')
plain.id = 'plain-area'
plain.textContent = 'not interactive, but it fetches'
plain.addEventListener('click', () => void caused('plain'))
// a button input is named by its value attribute; an icon-only button by data-spanlight-name
const apply = document.createElement('input')
apply.type = 'button'
apply.id = 'apply'
apply.value = 'Apply'
apply.addEventListener('click', () => void caused('value'))
const promo = document.createElement('div')
promo.id = 'promo'
promo.setAttribute('role', 'button')
promo.setAttribute('data-spanlight-name', 'Promo banner')
promo.innerHTML = '<svg width="30" height="30"><circle cx="15" cy="15" r="15"/></svg>'
promo.addEventListener('click', () => void caused('data-name'))
// the app's name wins over the text: a link showing a person's name
const person = document.createElement('a')
person.id = 'person'
person.href = '#person'
person.textContent = 'Jane Q. Customer'
person.setAttribute('data-spanlight-name', 'customer profile')
person.addEventListener('click', (event) => {
  event.preventDefault()
  void caused('named-over-text')
})
section(heading, cart, help, home, plain, apply, promo, person)

// what never breaks: a handler that throws, a huge label, SVG, a node removed by its own handler, shadow DOM
const errors: string[] = []
window.addEventListener('error', (event) => {
  errors.push(event.message)
  event.preventDefault()
})
const huge = button('huge', 'Huge', () => caused('huge'), { 'aria-label': `Huge ${'label '.repeat(20_000)}` })
const throwing = button('throws', 'Break', () => {
  void caused('throws')
  throw new Error('handler failed on purpose')
})
const svgButton = document.createElement('button')
svgButton.id = 'svg-button'
svgButton.setAttribute('aria-label', 'Delete item')
svgButton.innerHTML = '<svg width="40" height="40"><rect id="svg-rect" width="40" height="40" fill="red"/></svg>'
svgButton.addEventListener('click', () => void caused('svg-button'))
const svgNS = 'http://www.w3.org/2000/svg'
const svgRole = document.createElementNS(svgNS, 'svg')
svgRole.id = 'svg-role'
svgRole.setAttribute('role', 'button')
svgRole.setAttribute('width', '40')
svgRole.setAttribute('height', '40')
svgRole.innerHTML = '<title>Zoom in</title><circle cx="20" cy="20" r="20"/>'
svgRole.addEventListener('click', () => void caused('svg-role'))
const removable = button('remove-me', 'Remove me', (event) => {
  ;(event.currentTarget as HTMLElement | null)?.remove()
  return caused('detached')
})
class ShadowSave extends HTMLElement {
  connectedCallback() {
    const shadow = this.attachShadow({ mode: 'open' })
    shadow.append(button('shadow-save', 'Shadow save', () => caused('shadow')))
  }
}
customElements.define('shadow-save', ShadowSave)
section(huge, throwing, svgButton, svgRole, removable, document.createElement('shadow-save'))

// React: listeners on its root container, not on the buttons
function ReactPart() {
  // an effect of the click's update: React runs it in the click's task (a discrete event)
  const [saved, setSaved] = useState(0)
  useEffect(() => {
    if (saved > 0) void caused('react-effect')
  }, [saved])
  return (
    <div>
      <button
        id="react-save"
        onClick={() =>
          void (async () => {
            await Promise.resolve()
            await caused('react')
          })()
        }
      >
        React save
      </button>
      <button id="react-effect" onClick={() => setSaved((count) => count + 1)}>
        Save with an effect
      </button>
      <div id="react-card" className="card" data-testid="product-card" onClick={() => void caused('react-card')}>
        A product
      </div>
    </div>
  )
}
const reactRoot = document.createElement('div')
reactRoot.id = 'react-root'
root.append(reactRoot)
createRoot(reactRoot).render(<ReactPart />)

// background work started outside every interaction: an interval poller whose
// responses lead to a second fetch, and a chain of timers
let unrelatedFetches = 0
const inFlight = new Set<Promise<unknown>>()
const background = (source: string) => {
  unrelatedFetches++
  const done = fetch(url(`unrelated/${source}`)).then((response) => response.json())
  inFlight.add(done)
  void done.finally(() => inFlight.delete(done))
  return done
}
const poller = setInterval(() => void background('interval').then(() => background('interval-followup')), 150)
let chain: ReturnType<typeof setTimeout> | undefined
const tick = () => {
  void background('timer')
  chain = setTimeout(tick, 110)
}
chain = setTimeout(tick, 110)
void background('page-load')

markReady({
  started: () => started,
  settled: () => [...settled],
  errors: () => [...errors],
  unrelatedFetches: () => unrelatedFetches,
  /** stops the background work; resolves when its last fetch (and follow-up) is done */
  async stopBackground() {
    clearInterval(poller)
    clearTimeout(chain)
    while (inFlight.size > 0) await Promise.allSettled([...inFlight])
  },
  stats: () => tracing.stats(),
  shutdown: () => tracing.shutdown(),
  /** which of the browser's functions are wrapped now */
  wrapped: () =>
    Object.entries({ ...native, json: Response.prototype.json === native.json })
      .filter(([name, value]) => (name === 'json' ? value === false : window[name as 'fetch'] !== value))
      .map(([name]) => name),
  flush: () => tracing.forceFlush(),
})

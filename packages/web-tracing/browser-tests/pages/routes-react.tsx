import { initWebTracing } from '@spanlight/web-tracing'
import { traceInteractions } from '@spanlight/web-tracing/interactions'
import { traceRoutes } from '@spanlight/web-tracing/routes'
import { useEffect, useState, useSyncExternalStore, type MouseEvent, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { config, markReady } from './test-config.js'

// A React app routed by the History API directly (how React Router and
// TanStack Router change the location): links push, the back button pops,
// and the order page loads its data in an effect. No tracing code in the
// components.
const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  propagateTo: [config.api],
  exportDelayMs: 100,
  instrumentations: { documentLoad: false },
})

const ROUTES = [
  { template: '/orders/:id', pattern: /^\/orders\/(\d+)$/ },
  { template: '/pages/:name', pattern: /^\/pages\/([\w-]+)\.html$/ },
]
const matchRoute = (path: string) => {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path)
    if (match) return { template: route.template, param: match[1]! }
  }
  return undefined
}
traceRoutes(tracing, { route: (path) => matchRoute(path)?.template })
if ((config as typeof config & { withInteractions?: boolean }).withInteractions) traceInteractions(tracing)

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange)
  window.addEventListener('app:navigate', onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener('app:navigate', onChange)
  }
}
const usePath = () => useSyncExternalStore(subscribe, () => location.pathname)

function Link({ to, id, children }: { to: string; id: string; children: ReactNode }) {
  const onClick = (event: MouseEvent) => {
    event.preventDefault()
    history.pushState(null, '', to)
    window.dispatchEvent(new Event('app:navigate'))
  }
  return (
    <a id={id} href={to} onClick={onClick}>
      {children}
    </a>
  )
}

function Order({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<string>()
  useEffect(() => {
    void fetch(`${config.api}/api/orders/${id}?delayMs=200`)
      .then((response) => response.json())
      .then(() => setLoaded(id))
  }, [id])
  return <p id="order">{loaded === id ? `order ${id} loaded` : 'loading'}</p>
}

function App() {
  const path = usePath()
  const route = matchRoute(path)
  return (
    <div>
      <Link to="/orders/7" id="to-order-7">
        Order 7
      </Link>
      {route?.template === '/orders/:id' ? <Order id={route.param} /> : <p id="home">home</p>}
    </div>
  )
}

createRoot(document.getElementById('root')!).render(<App />)
markReady({ flush: () => tracing.forceFlush(), stats: () => tracing.stats() })

import { initWebTracing } from '@spanlight/web-tracing'
import { lazyRollbarBridge } from '@spanlight/web-tracing/rollbar'
import { SpanlightErrorBoundary, SpanlightProvider } from '@spanlight/web-tracing/react'
import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { createRoot } from 'react-dom/client'
import { config, markReady } from './test-config.js'

const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  propagateTo: [config.api],
  exportDelayMs: 50,
  rollbar: lazyRollbarBridge({ accessToken: 'post-client-token', endpoint: `${config.endpoint}/api/1/item/`, load: () => import('rollbar') }),
})
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })

// Hooks exactly as apps write them: no tracing code in the components.
function Orders() {
  const orders = useQuery({
    queryKey: ['orders', { page: 1 }],
    queryFn: () => fetch(`${config.api}/api/orders?page=1`).then((response) => response.json() as Promise<{ ok: boolean }>),
  })
  const checkout = useMutation({
    mutationKey: ['checkout'],
    mutationFn: async () => {
      const response = await fetch(`${config.api}/api/checkout`, { method: 'POST' })
      return (await response.json()) as { ok: boolean }
    },
  })
  return (
    <div>
      <p id="orders">{orders.isSuccess ? 'orders loaded' : 'loading'}</p>
      <button id="checkout" onClick={() => checkout.mutate()}>
        Checkout
      </button>
      <p id="checkout-state">{checkout.isSuccess ? 'checked out' : 'idle'}</p>
    </div>
  )
}

// Runs that fail: with Rollbar bridged, each failure is reported from its run's span.
function Failures() {
  const [asked, setAsked] = useState(false)
  const inventory = useQuery({
    queryKey: ['inventory'],
    enabled: asked,
    queryFn: async () => {
      await fetch(`${config.api}/api/inventory`)
      throw new Error('inventory unavailable')
    },
  })
  const refund = useMutation({
    mutationKey: ['refund'],
    mutationFn: async () => {
      await fetch(`${config.api}/api/refund`, { method: 'POST' })
      throw new Error('refund declined')
    },
  })
  // answered only after the test has left the page: the navigation cuts its fetch
  const slowSave = useMutation({
    mutationKey: ['save'],
    mutationFn: async () => {
      const response = await fetch(`${config.api}/api/save?delayMs=5000`, { method: 'POST' })
      return (await response.json()) as { ok: boolean }
    },
  })
  // a network failure while the page stays: port 1 refuses the connection
  const offlineSave = useMutation({
    mutationKey: ['offline'],
    mutationFn: async () => {
      const response = await fetch('http://127.0.0.1:1/api/save', { method: 'POST' })
      return (await response.json()) as { ok: boolean }
    },
  })
  return (
    <div>
      <button id="offline-save" onClick={() => offlineSave.mutate()}>
        Save offline
      </button>
      <p id="offline-state">{offlineSave.isError ? 'offline failed' : 'idle'}</p>
      <button id="slow-save" onClick={() => slowSave.mutate()}>
        Save
      </button>
      <button id="load-inventory" onClick={() => setAsked(true)}>
        Inventory
      </button>
      <p id="inventory-state">{inventory.isError ? 'inventory failed' : 'idle'}</p>
      <button id="refund" onClick={() => refund.mutate()}>
        Refund
      </button>
      <p id="refund-state">{refund.isError ? 'refund failed' : 'idle'}</p>
    </div>
  )
}

function Bomb({ armed }: { armed: boolean }) {
  if (armed) throw new Error('widget exploded')
  return <p>widget fine</p>
}

function App() {
  const [armed, setArmed] = useState(false)
  return (
    <>
      <Orders />
      <Failures />
      <button id="explode" onClick={() => setArmed(true)}>
        Explode
      </button>
      <SpanlightErrorBoundary fallback={<p id="fallback">something went wrong</p>}>
        <Bomb armed={armed} />
      </SpanlightErrorBoundary>
    </>
  )
}

void tracing.rollbar().then(() => {
  createRoot(document.getElementById('root')!).render(
    <SpanlightProvider tracing={tracing} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </SpanlightProvider>,
  )
  markReady({})
})

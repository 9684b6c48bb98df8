import '@spanlight/web-tracing/zone'
import { initWebTracing } from '@spanlight/web-tracing'
import { traceInteractions } from '@spanlight/web-tracing/interactions'
import { config, markReady } from './test-config.js'

// The interactions entry next to zone.js: the interaction scope follows
// native awaits (which zone.js cannot), and a span the app starts itself
// keeps its children, zone.js carrying it through a timer.
const tracing = initWebTracing({
  serviceName: config.serviceName,
  endpoint: config.endpoint,
  propagateTo: [config.api],
  exportDelayMs: 50,
  instrumentations: { documentLoad: false },
})
traceInteractions(tracing)

const url = (path: string) => `${config.api}/api/${path}`
const settled: string[] = []
const caused = async (name: string) => {
  const response = await fetch(url(`caused/${name}`))
  await response.json()
  settled.push(name)
}

const awaits = document.createElement('button')
awaits.id = 'zone-awaits'
awaits.textContent = 'Awaits under zone'
awaits.addEventListener('click', () => {
  void (async () => {
    await Promise.resolve()
    await new Promise((resolve) => setTimeout(resolve, 20))
    await caused('zone-first')
    await caused('zone-second')
  })()
})
const ownSpan = document.createElement('button')
ownSpan.id = 'zone-own-span'
ownSpan.textContent = 'Own span'
ownSpan.addEventListener('click', () => {
  tracing.tracer.startActiveSpan('checkout', (span) => {
    setTimeout(() => void caused('zone-own').finally(() => span.end()))
  })
})
document.getElementById('root')!.append(awaits, ownSpan)

const poller = setInterval(() => void fetch(url('unrelated/zone-poll')), 100)

markReady({
  settled: () => [...settled],
  stopBackground: () => clearInterval(poller),
})

// Export under load and at unload, in Chromium against the real trace
// store: @spanlight/web-tracing and plain OpenTelemetry (BatchSpanProcessor
// + OTLP/HTTP exporter, their defaults) side by side in the same run.
//   burst:     2,000 spans (100-character attribute each) ended at once;
//              time until the store holds all of them, and what was lost
//   sustained: 10,000 spans over 10 s (100 every 100 ms); stored and lost
//   unload:    UNLOAD_TRIALS page loads per scenario, each leaving the page
//              right after its spans ended: nothing exported before, one
//              export completed before, one export in flight (a collector
//              that answers after 300 ms); lost/expected
// Bounded waits below are the bench's measuring window, not test sleeps.
import { createTraceStore } from '@spanlight/trace-store'
import { bundleEntries, launchChromium, listen, median } from './bench-support.mjs'

const ROUNDS = Number(process.env.ROUNDS ?? 3)
const UNLOAD_TRIALS = Number(process.env.UNLOAD_TRIALS ?? 20)
/** how long a setup gets to deliver before what is missing counts as lost */
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 10_000)
const SETUPS = [
  { name: '@spanlight/web-tracing', entry: 'load-spanlight.js' },
  { name: 'plain OpenTelemetry (BatchSpanProcessor)', entry: 'load-plain-otel.js' },
]

const bundles = await bundleEntries(SETUPS.map((setup) => setup.entry))

const store = await createTraceStore({ port: 0, databaseFile: ':memory:', log: () => undefined })
await warmUp(store)
// a collector that takes 300 ms to answer, in front of the store: an export is in flight when the page goes
const slowCollector = await listen(async (request, response) => {
  if (request.headers.origin) {
    response.setHeader('Access-Control-Allow-Origin', request.headers.origin)
    response.setHeader('Access-Control-Allow-Headers', 'content-type, content-encoding')
  }
  if (request.method === 'OPTIONS') return response.writeHead(204).end()
  const chunks = []
  for await (const chunk of request) chunks.push(chunk)
  await new Promise((resolve) => setTimeout(resolve, 300))
  const headers = { 'content-type': request.headers['content-type'] ?? 'application/json' }
  if (request.headers['content-encoding']) headers['content-encoding'] = request.headers['content-encoding']
  const stored = await fetch(`${store.url}/v1/traces`, { method: 'POST', headers, body: Buffer.concat(chunks) })
  response.writeHead(stored.status, { 'content-type': 'application/json' }).end(await stored.text())
})
const app = await listen((request, response) => {
  const url = new URL(request.url, 'http://x')
  const bundle = bundles.get(url.pathname)
  if (bundle) return response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle)
  if (url.pathname === '/blank.html') return response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>elsewhere</p>')
  const entry = url.searchParams.get('entry')
  const bench = { endpoint: url.searchParams.get('endpoint'), serviceName: url.searchParams.get('service') }
  response
    .writeHead(200, { 'content-type': 'text/html' })
    .end(`<!doctype html><script>window.__BENCH__=${JSON.stringify(bench)}</script><script type="module" src="/${entry}"></script>`)
})

/** The store's ingest workers compile on their first batches: warm them so no setup pays for it. */
async function warmUp(target) {
  const hex = (length) => Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join('')
  for (let round = 0; round < 40; round++) {
    const traceId = hex(32)
    const spans = Array.from({ length: 50 }, (_, index) => ({
      traceId,
      spanId: hex(16),
      name: `warm-up ${index}`,
      kind: 1,
      startTimeUnixNano: '1733000000000000000',
      endTimeUnixNano: '1733000000100000000',
      attributes: [{ key: 'payload', value: { stringValue: 'w'.repeat(100) } }],
    }))
    const body = {
      resourceSpans: [
        { resource: { attributes: [{ key: 'service.name', value: { stringValue: 'warm-up' } }] }, scopeSpans: [{ scope: { name: 'warm-up' }, spans }] },
      ],
    }
    await fetch(`${target.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  }
}

let serviceCounter = 0
const newService = () => `bench-${process.pid}-${serviceCounter++}`

/** Spans the store holds for `service` (all its traces). */
async function storedSpans(service) {
  const response = await fetch(`${store.url}/api/traces?service=${encodeURIComponent(service)}&limit=1000`)
  const body = await response.json()
  return (body.traces ?? []).reduce((sum, trace) => sum + trace.spanCount, 0)
}

/** Polls until `expected` spans are stored or `SETTLE_MS` passed; returns [stored, ms]. */
async function waitStored(service, expected, startedMs) {
  for (;;) {
    const stored = await storedSpans(service)
    const elapsedMs = performance.now() - startedMs
    if (stored >= expected || elapsedMs > SETTLE_MS) return [stored, elapsedMs]
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const browser = await launchChromium()

async function openSetup(setup, endpoint = store.url) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const service = newService()
  await page.goto(`${app.origin}/?entry=${setup.entry}&service=${service}&endpoint=${encodeURIComponent(endpoint)}`)
  await page.waitForFunction(() => window.__READY__ === true)
  return { context, page, service }
}

async function burst(setup) {
  const { context, page, service } = await openSetup(setup)
  await page.evaluate(() => window.__burst(1999, 100))
  const [stored, ms] = await waitStored(service, 2000, performance.now())
  const stats = await page.evaluate(() => window.__stats())
  await context.close()
  return { stored, ms, dropped: stats?.droppedSpans }
}

async function sustained(setup) {
  const { context, page, service } = await openSetup(setup)
  // 100 spans (99 children and their root) every 100 ms for 10 s
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        let ticks = 0
        const timer = setInterval(() => {
          window.__burst(99, 100)
          if (++ticks === 100) {
            clearInterval(timer)
            resolve()
          }
        }, 100)
      }),
  )
  const [stored] = await waitStored(service, 10_000, performance.now())
  const stats = await page.evaluate(() => window.__stats())
  await context.close()
  return { stored, dropped: stats?.droppedSpans }
}

const UNLOAD_SCENARIOS = [
  { name: 'nothing exported before', expected: 300, run: () => window.__burst(299, 100) },
  {
    name: 'one export completed before',
    expected: 500,
    run: async () => {
      window.__burst(199, 100)
      await window.__flush()
      window.__burst(299, 100)
    },
  },
  {
    name: 'one export in flight',
    expected: 500,
    slow: true,
    run: () => {
      window.__burst(499, 100)
      void window.__flush()
    },
  },
]

async function unloadTrial(setup, scenario) {
  const { context, page, service } = await openSetup(setup, scenario.slow ? slowCollector.origin : store.url)
  await page.evaluate(scenario.run)
  await page.goto(`${app.origin}/blank.html`)
  const [stored] = await waitStored(service, scenario.expected, performance.now())
  await context.close()
  return scenario.expected - stored
}

try {
  console.log(`export under load (Chromium, real trace store; medians of ${ROUNDS} rounds; ${SETTLE_MS / 1000} s to deliver)`)
  console.log('setup                                      burst 2,000: all stored after   stored   dropped   |  10,000 over 10 s: stored   dropped')
  const rows = new Map(SETUPS.map((setup) => [setup.entry, { burstMs: [], burstStored: [], burstDropped: [], sustainedStored: [], sustainedDropped: [] }]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const setup of SETUPS) {
      const row = rows.get(setup.entry)
      const b = await burst(setup)
      row.burstMs.push(b.stored >= 2000 ? b.ms : Infinity)
      row.burstStored.push(b.stored)
      row.burstDropped.push(b.dropped ?? 2000 - b.stored)
      const s = await sustained(setup)
      row.sustainedStored.push(s.stored)
      row.sustainedDropped.push(s.dropped ?? 10_000 - s.stored)
    }
  }
  for (const setup of SETUPS) {
    const row = rows.get(setup.entry)
    const burstMs = median(row.burstMs)
    const cells = [
      Number.isFinite(burstMs) ? `${(burstMs / 1000).toFixed(2)} s` : `not within ${SETTLE_MS / 1000} s`,
      String(median(row.burstStored)),
      String(median(row.burstDropped)),
      String(median(row.sustainedStored)),
      String(median(row.sustainedDropped)),
    ]
    console.log(
      `${setup.name.padEnd(43)}${cells[0].padStart(30)}${cells[1].padStart(9)}${cells[2].padStart(10)}   |${cells[3].padStart(27)}${cells[4].padStart(10)}`,
    )
  }
  console.log("(dropped: the SDK's own count where it keeps one, else spans not stored)")

  console.log()
  console.log(`unload (${UNLOAD_TRIALS} page loads per scenario; lost/expected summed over the trials; trials with any loss)`)
  for (const scenario of UNLOAD_SCENARIOS) {
    const cells = []
    for (const setup of SETUPS) {
      let lost = 0
      let trialsWithLoss = 0
      for (let trial = 0; trial < UNLOAD_TRIALS; trial++) {
        const trialLost = await unloadTrial(setup, scenario)
        lost += trialLost
        if (trialLost > 0) trialsWithLoss++
      }
      cells.push(`${setup.name}: ${lost}/${scenario.expected * UNLOAD_TRIALS} lost, ${trialsWithLoss} of ${UNLOAD_TRIALS} trials`)
    }
    console.log(`${scenario.name.padEnd(30)}${cells.join('   ')}`)
  }
} finally {
  await browser.close()
  slowCollector.server.close()
  app.server.close()
  await store.close()
}

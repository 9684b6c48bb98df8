// Main-thread cost per traced cross-origin fetch in Chromium: no SDK,
// plain OpenTelemetry (with and without zone.js) and @spanlight/web-tracing
// (default, and with /zone), measured in the same rounds. Each setup loads
// in a fresh context, runs FETCHES sequential fetches to one URL (so one
// cached CORS preflight) and exports their spans, all inside the measured
// window. Figures are per fetch, medians over ROUNDS, minus the no-SDK
// median of the same run:
// - main-thread CPU: CPU time of the renderer main thread's tasks, from a
//   Chromium trace (the thread time of each top-level task). This is the
//   target's figure: unlike wall-clock task time it does not grow when other
//   processes take the cores, so the ratio holds on a busy machine.
// - task and script time: Chromium's Performance metrics (TaskDuration,
//   ScriptDuration), wall-clock.
import { bundleEntries, launchChromium, listen, mainThreadCpuUs, median } from './bench-support.mjs'

const FETCHES = Number(process.env.FETCHES ?? 300)
const ROUNDS = Number(process.env.ROUNDS ?? 9)
const SETUPS = [
  { name: 'no instrumentation', entry: 'cost-none.js' },
  { name: 'plain OpenTelemetry (zone.js)', entry: 'cost-plain-otel.js' },
  { name: 'plain OpenTelemetry without zone.js', entry: 'cost-plain-otel-no-zone.js' },
  { name: '@spanlight/web-tracing', entry: 'cost-spanlight.js' },
  { name: '@spanlight/web-tracing + /zone', entry: 'cost-spanlight-zone.js' },
]

function cors(request, response, allowHeaders) {
  if (request.headers.origin) {
    response.setHeader('Access-Control-Allow-Origin', request.headers.origin)
    response.setHeader('Access-Control-Allow-Headers', allowHeaders)
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST')
    response.setHeader('Access-Control-Max-Age', '600')
  }
  if (request.method === 'OPTIONS') {
    response.writeHead(204).end()
    return true
  }
  return false
}

const bundles = await bundleEntries(SETUPS.map((setup) => setup.entry))

// a collector that accepts everything (the store's own cost stays out of the figures)
const collector = await listen((request, response) => {
  if (cors(request, response, 'content-type')) return
  request.resume()
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'))
})
const api = await listen((request, response) => {
  if (cors(request, response, 'traceparent, tracestate, content-type')) return
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
})
const app = await listen((request, response) => {
  const url = new URL(request.url, 'http://x')
  const bundle = bundles.get(url.pathname)
  if (bundle) return response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle)
  const entry = url.searchParams.get('entry')
  if (!entry) return response.writeHead(404).end()
  response
    .writeHead(200, { 'content-type': 'text/html' })
    .end(
      `<!doctype html><script>window.__BENCH__=${JSON.stringify({ endpoint: collector.origin, api: api.origin })}</script><script type="module" src="/${entry}"></script>`,
    )
})

const browser = await launchChromium()
const samples = Object.fromEntries(SETUPS.map((setup) => [setup.entry, { wallUs: [], cpuUs: [], taskUs: [], scriptUs: [], heapMb: [] }]))
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const setup of SETUPS) {
      const context = await browser.newContext()
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Performance.enable')
      await page.goto(`${app.origin}/?entry=${setup.entry}`)
      await page.waitForFunction(() => window.__READY__ === true)
      // warm-up: the CORS preflight and JIT
      await page.evaluate(([url]) => window.__runFetches(20, url), [`${api.origin}/api/item`])
      const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
      await browser.startTracing(page, { categories: ['toplevel', '__metadata'] })
      const before = await metric()
      const wallMs = await page.evaluate(([count, url]) => window.__runFetches(count, url), [FETCHES, `${api.origin}/api/item`])
      await page.evaluate(() => window.__flush())
      const after = await metric()
      const cpuUs = mainThreadCpuUs(JSON.parse((await browser.stopTracing()).toString()))
      const sample = samples[setup.entry]
      sample.cpuUs.push(cpuUs / FETCHES)
      sample.wallUs.push((wallMs * 1000) / FETCHES)
      sample.taskUs.push(((after.TaskDuration - before.TaskDuration) * 1e6) / FETCHES)
      sample.scriptUs.push(((after.ScriptDuration - before.ScriptDuration) * 1e6) / FETCHES)
      sample.heapMb.push(after.JSHeapUsedSize / 1024 / 1024)
      await context.close()
    }
  }
} finally {
  await browser.close()
  for (const { server } of [collector, api, app]) server.close()
}

const base = samples['cost-none.js']
const added = (entry, key) => median(samples[entry][key]) - median(base[key])
console.log(`cost per traced cross-origin fetch (Chromium, ${FETCHES} sequential fetches and their export, medians of ${ROUNDS} rounds, minus no-SDK)`)
console.log('setup                                   added wall µs   added main-thread CPU µs   added task µs   added script µs   heap after MB')
for (const setup of SETUPS) {
  const row = [
    added(setup.entry, 'wallUs').toFixed(0).padStart(13),
    added(setup.entry, 'cpuUs').toFixed(0).padStart(27),
    added(setup.entry, 'taskUs').toFixed(0).padStart(16),
    added(setup.entry, 'scriptUs').toFixed(0).padStart(18),
    median(samples[setup.entry].heapMb).toFixed(2).padStart(16),
  ]
  console.log(`${setup.name.padEnd(40)}${row.join('')}`)
}
const ratio = added('cost-spanlight.js', 'cpuUs') / added('cost-plain-otel-no-zone.js', 'cpuUs')
// the same ratio within each round (its setups ran minutes apart at most): how far one round can be off
const roundRatios = base.cpuUs
  .map((noneUs, round) => (samples['cost-spanlight.js'].cpuUs[round] - noneUs) / (samples['cost-plain-otel-no-zone.js'].cpuUs[round] - noneUs))
  .sort((a, b) => a - b)
console.log(`added main-thread CPU, @spanlight/web-tracing / plain OpenTelemetry without zone.js: ${ratio.toFixed(2)}x (target ≤ 0.90x)`)
console.log(`  the same ratio round by round: ${roundRatios.map((value) => value.toFixed(2)).join(' ')}`)

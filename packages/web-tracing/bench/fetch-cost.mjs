// Main-thread and wall cost per traced cross-origin fetch in Chromium:
// no SDK, plain OpenTelemetry (with zone.js, as apps usually set it up)
// and @spanlight/web-tracing (default, and with /zone), measured in the
// same rounds. Each setup loads in a fresh context, runs FETCHES
// sequential fetches to one URL (so one cached CORS preflight), and the
// CDP TaskDuration/ScriptDuration deltas (fetches plus the export of their
// spans) are divided by FETCHES; medians
// over ROUNDS, minus the no-SDK median of the same run.
import { bundleEntries, launchChromium, listen, median } from './bench-support.mjs'

const FETCHES = Number(process.env.FETCHES ?? 300)
const ROUNDS = Number(process.env.ROUNDS ?? 5)
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
const samples = Object.fromEntries(SETUPS.map((setup) => [setup.entry, { wallUs: [], taskUs: [], scriptUs: [], heapMb: [] }]))
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
      const before = await metric()
      const wallMs = await page.evaluate(([count, url]) => window.__runFetches(count, url), [FETCHES, `${api.origin}/api/item`])
      await page.evaluate(() => window.__flush())
      const after = await metric()
      const sample = samples[setup.entry]
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
console.log(`cost per traced cross-origin fetch (Chromium, ${FETCHES} sequential fetches, medians of ${ROUNDS} rounds, minus no-SDK)`)
console.log('setup                                   added wall µs   added main-thread µs   added script µs   heap after MB')
for (const setup of SETUPS) {
  const sample = samples[setup.entry]
  const row = [
    (median(sample.wallUs) - median(base.wallUs)).toFixed(0),
    (median(sample.taskUs) - median(base.taskUs)).toFixed(0),
    (median(sample.scriptUs) - median(base.scriptUs)).toFixed(0),
    median(sample.heapMb).toFixed(2),
  ]
  console.log(`${setup.name.padEnd(40)}${row[0].padStart(13)}${row[1].padStart(23)}${row[2].padStart(18)}${row[3].padStart(16)}`)
}

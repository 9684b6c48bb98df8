// Main-thread cost per traced click in Chromium: a click handler that
// fetches the API and reads the body, with no SDK, with
// @spanlight/web-tracing alone and with /interactions (a span per click,
// the fetch its child), and with Honeycomb's web SDK and OpenTelemetry's
// user-interaction instrumentation (a span per click), measured in the same
// rounds. Each setup loads in a fresh context, takes CLICKS real clicks
// (Chromium input events, one after the other: each waits for its fetch)
// and exports the spans, all inside the measured window. Figures are per
// click, medians over ROUNDS, minus the no-SDK median of the same run;
// main-thread CPU is the thread time of the renderer main thread's
// top-level tasks in a Chromium trace (as in fetch-cost.mjs).
import { bundleEntries, launchChromium, listen, mainThreadCpuUs, median } from './bench-support.mjs'

const CLICKS = Number(process.env.CLICKS ?? 100)
const ROUNDS = Number(process.env.ROUNDS ?? 7)
const WARM_UP_CLICKS = 10
const SETUPS = [
  { name: 'no instrumentation', entry: 'interaction-none.js' },
  { name: '@spanlight/web-tracing (fetch only)', entry: 'interaction-spanlight.js' },
  { name: '@spanlight/web-tracing + /interactions', entry: 'interaction-spanlight-interactions.js' },
  { name: 'Honeycomb web SDK + user-interaction', entry: 'interaction-honeycomb.js' },
]
const OURS = 'interaction-spanlight-interactions.js'
const THEIRS = 'interaction-honeycomb.js'

function cors(request, response) {
  if (request.headers.origin) {
    response.setHeader('Access-Control-Allow-Origin', request.headers.origin)
    response.setHeader('Access-Control-Allow-Headers', request.headers['access-control-request-headers'] ?? 'content-type')
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
// a collector that accepts everything (the store's own cost stays out of the figures) and keeps
// the spans of the setup being measured, so a setup that records nothing cannot look cheap
let measured = { service: '', clickIds: new Set(), fetchParents: [] }
const collector = await listen((request, response) => {
  if (cors(request, response)) return
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    try {
      for (const resource of JSON.parse(Buffer.concat(chunks).toString()).resourceSpans) {
        const service = resource.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue
        if (service !== measured.service) continue
        for (const span of resource.scopeSpans.flatMap((scope) => scope.spans)) {
          if (/^click\b/.test(span.name)) measured.clickIds.add(span.spanId)
          if (span.kind === 3 || span.kind === 'SPAN_KIND_CLIENT') measured.fetchParents.push(span.parentSpanId)
        }
      }
    } catch {
      // not JSON (a gzipped request at page exit): not counted
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
})
const api = await listen((request, response) => {
  if (cors(request, response)) return
  request.resume()
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'))
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
      `<!doctype html><script>window.__BENCH__=${JSON.stringify({ endpoint: collector.origin, api: api.origin, service: url.searchParams.get('service') })}</script><script type="module" src="/${entry}"></script>`,
    )
})

const browser = await launchChromium()
const samples = Object.fromEntries(SETUPS.map((setup) => [setup.entry, { cpuUs: [], taskUs: [], scriptUs: [], exported: [] }]))
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const setup of SETUPS) {
      const context = await browser.newContext()
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Performance.enable')
      const service = `bench-${round}-${setup.entry}`
      await page.goto(`${app.origin}/?entry=${setup.entry}&service=${service}`)
      await page.waitForFunction(() => window.__READY__ === true)
      const box = await page.locator('#buy').boundingBox()
      const clicks = async (from, count) => {
        for (let index = from + 1; index <= from + count; index++) {
          await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
          await page.evaluate((done) => window.__clickDone(done), index)
        }
      }
      measured = { service, clickIds: new Set(), fetchParents: [] }
      // warm-up: the CORS preflight and JIT; its spans are exported before the measured window
      await clicks(0, WARM_UP_CLICKS)
      await page.evaluate(() => window.__flush())
      for (let waitedMs = 0; measured.fetchParents.length < WARM_UP_CLICKS && waitedMs < 5000; waitedMs += 50)
        await new Promise((resolve) => setTimeout(resolve, 50))
      const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
      measured = { service, clickIds: new Set(), fetchParents: [] }
      await browser.startTracing(page, { categories: ['toplevel', '__metadata'] })
      const before = await metric()
      await clicks(WARM_UP_CLICKS, CLICKS)
      await page.evaluate(() => window.__flush())
      const after = await metric()
      const cpuUs = mainThreadCpuUs(JSON.parse((await browser.stopTracing()).toString()))
      const sample = samples[setup.entry]
      // what the measured clicks recorded is all in by now (the flush resolved when the collector answered)
      sample.exported.push({
        clicks: measured.clickIds.size,
        fetches: measured.fetchParents.length,
        fetchesUnderClicks: measured.fetchParents.filter((parent) => measured.clickIds.has(parent)).length,
      })
      sample.cpuUs.push(cpuUs / CLICKS)
      sample.taskUs.push(((after.TaskDuration - before.TaskDuration) * 1e6) / CLICKS)
      sample.scriptUs.push(((after.ScriptDuration - before.ScriptDuration) * 1e6) / CLICKS)
      await context.close()
    }
  }
} finally {
  await browser.close()
  for (const { server } of [collector, api, app]) server.close()
}

const base = samples['interaction-none.js']
const added = (entry, key) => median(samples[entry][key]) - median(base[key])
const ms = (us) => (us / 1000).toFixed(3)
console.log(`cost per traced click (Chromium, ${CLICKS} clicks that each fetch, and their export, medians of ${ROUNDS} rounds, minus no-SDK)`)
console.log(`no SDK: ${ms(median(base.cpuUs))} ms main-thread CPU per click (input, handler, fetch, the test's own calls)`)
console.log(
  'setup                                     added main-thread CPU ms   added task ms   added script ms   spans per click: click, fetch (under the click)',
)
for (const setup of SETUPS) {
  const counts = samples[setup.entry].exported.at(-1)
  const perClick = (count) => (count / CLICKS).toFixed(2)
  const row = [
    ms(added(setup.entry, 'cpuUs')).padStart(26),
    ms(added(setup.entry, 'taskUs')).padStart(16),
    ms(added(setup.entry, 'scriptUs')).padStart(18),
    `${perClick(counts.clicks)}, ${perClick(counts.fetches)} (${perClick(counts.fetchesUnderClicks)})`.padStart(26),
  ]
  console.log(`${setup.name.padEnd(42)}${row.join('')}`)
}
const ratio = added(OURS, 'cpuUs') / added(THEIRS, 'cpuUs')
const roundRatios = base.cpuUs.map((noneUs, round) => (samples[OURS].cpuUs[round] - noneUs) / (samples[THEIRS].cpuUs[round] - noneUs)).sort((a, b) => a - b)
console.log(`added main-thread CPU per click, @spanlight/web-tracing + /interactions / Honeycomb: ${ratio.toFixed(2)}x (target ≤ 1.00x)`)
console.log(`  the same ratio round by round: ${roundRatios.map((value) => value.toFixed(2)).join(' ')}`)

// `npm run bench:dashboard`: opens a generated 10,000-span trace in Chromium and scrolls it (with the trace view's
// critical path and self time on), times turning on the critical path and zooming with the minimap, does the same once
// with a 100,000-span trace, and compares trace search through the dashboard's proxy with the store directly.
// Prints figures; asserts nothing.
// Needs `next build` first (`npm run bench:dashboard` builds what changed). Ports 4870 (store) and 4871 (dashboard).
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { generateTrace, sendTrace } from './generate-trace.mjs'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const APP_DIR = path.join(HERE, '..')
const ROOT_DIR = path.join(APP_DIR, '..', '..')
const STORE_PORT = 4870
const DASHBOARD_PORT = 4871
const STORE_URL = `http://127.0.0.1:${STORE_PORT}`
const DASHBOARD_URL = `http://127.0.0.1:${DASHBOARD_PORT}`
const SPAN_COUNT = Number(process.env.BENCH_SPANS ?? 10_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const SEARCH_ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 40)
/** the very large trace, opened once after the runs (0 skips it) */
const HUGE_SPAN_COUNT = Number(process.env.BENCH_HUGE_SPANS ?? 100_000)
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

const children = []
function start(command, args, options) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'], ...options })
  children.push(child)
  return child
}
function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
}
process.on('exit', stopAll)
process.on('SIGINT', () => process.exit(130))

async function waitForUp(url) {
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      const response = await fetch(url)
      if (response.status < 500) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const ms = (value) => `${Math.round(value)} ms`

// Measures inside the page: when the first waterfall rows are painted, when the waterfall answers keys and clicks,
// and every long task. Runs before any of the page's own scripts (an init script, at the start of the navigation),
// so it sees rows that come in the streamed HTML (server-rendered first rows) as well as rows the client inserts.
// Every frame's requestAnimationFrame callback (which runs before that frame's style, layout and paint) looks for rows;
// the first frame that finds them paints them, and the next frame's timestamp, when that paint is done, is recorded.
const PAGE_PROBE = () => {
  window.__bench = { longTasks: [], rowsPaintedAt: null, interactiveAt: null }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })
  const poll = () => {
    const bench = window.__bench
    if (bench.rowsPaintedAt === null && document.querySelector('[role=treeitem]')) {
      bench.rowsPaintedAt = 'pending'
      requestAnimationFrame((time) => (bench.rowsPaintedAt = time))
    }
    if (bench.interactiveAt === null && document.querySelector('[data-testid=waterfall][data-interactive=true] [role=treeitem]')) {
      bench.interactiveAt = 'pending'
      requestAnimationFrame((time) => (bench.interactiveAt = time))
    }
    if (bench.rowsPaintedAt === null || bench.interactiveAt === null) requestAnimationFrame(poll)
  }
  requestAnimationFrame(poll)
}

async function openLargeTrace(traceId) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    await context.addInitScript(PAGE_PROBE)
    const page = await context.newPage()
    await page.goto(`${DASHBOARD_URL}/traces/${traceId}`)
    await page.waitForFunction(() => typeof window.__bench.rowsPaintedAt === 'number' && typeof window.__bench.interactiveAt === 'number', null, {
      timeout: 60_000,
    })
    const load = await page.evaluate(() => ({
      outline:
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.endsWith('/outline'))
          .map((entry) => ({
            start: entry.startTime,
            end: entry.responseEnd,
            timing: Object.fromEntries((entry.serverTiming ?? []).map((metric) => [metric.name, metric.duration])),
          }))[0] ?? null,
      resources: performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/api/') || entry.name.endsWith('.js'))
        .map(
          (entry) =>
            `${entry.name.replace(location.origin, '').slice(0, 60)} ${Math.round(entry.startTime)}→${Math.round(entry.responseStart)}→${Math.round(entry.responseEnd)} ${(entry.serverTiming ?? []).map((metric) => `${metric.name}=${Math.round(metric.duration)}`).join(' ')}`,
        ),
      nav: performance
        .getEntriesByType('navigation')
        .map((entry) => `${Math.round(entry.responseStart)} ${Math.round(entry.responseEnd)} ${Math.round(entry.domContentLoadedEventEnd)}`),
      rowsPaintedAt: window.__bench.rowsPaintedAt,
      interactiveAt: window.__bench.interactiveAt,
      longTasks: window.__bench.longTasks.slice(),
      heap: performance.memory?.usedJSHeapSize ?? 0,
    }))
    const renderedRows = await page.locator('[role=treeitem]').count()
    // scrolling is measured once the page has settled: the whole trace (side panel) has arrived and been parsed
    await page.locator('[data-testid=span-details] h3').first().waitFor({ timeout: 60_000 })
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))))

    // the rows' names and event marks (asked after the rows painted) are there too
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/marks') && entry.responseEnd > 0), null, {
      timeout: 120_000,
    })
    // scrolled twice: as the page opens, then with the critical path and self time in the rows turned on
    const plainScrollTasks = await scrollTopToBottomAndBack(page)
    const features = await measureFeatures(page)
    const scrollTasks = await scrollTopToBottomAndBack(page)
    return { ...load, renderedRows, plainScrollTasks, scrollTasks, features }
  } finally {
    await browser.close()
  }
}

/** Scrolls the waterfall top to bottom in 20 jumps, then back up in 120 wheel-sized steps; the long tasks meanwhile. */
async function scrollTopToBottomAndBack(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))))
  await page.evaluate(() => (window.__bench.longTasks = []))
  await page.evaluate(async () => {
    const scroller = document.querySelector('[data-testid=waterfall]')
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()))
    const jumps = 20
    for (let jump = 1; jump <= jumps; jump += 1) {
      scroller.scrollTop = ((scroller.scrollHeight - scroller.clientHeight) * jump) / jumps
      await frame()
      await frame()
    }
    for (let step = 0; step < 120; step += 1) {
      scroller.scrollTop -= 120
      await frame()
    }
  })
  // a long task is reported once it ends; the frame after the last scroll lets it arrive
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)))
  return page.evaluate(() => window.__bench.longTasks.slice())
}

/**
 * What the trace view's features cost on the open trace: the minimap's drawing (timed again on a resize, which
 * redraws it), turning the critical path on (computing it and drawing it on the rows in view), a drag on the minimap
 * (the rows redrawn for the zoomed window) and its reset, and self time in the rows. Each: ms from the input to the
 * frame after the one that shows it, and the long tasks meanwhile. Leaves the critical path and self time on.
 */
async function measureFeatures(page) {
  const settle = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 60)))))
  const measure = async (act) => {
    await settle()
    await page.evaluate(() => {
      window.__bench.longTasks = []
      window.__bench.actedAt = performance.now()
    })
    await act()
    const paintedAt = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame((time) => resolve(time)))))
    await settle()
    const { actedAt, longTasks } = await page.evaluate(() => ({ actedAt: window.__bench.actedAt, longTasks: window.__bench.longTasks.slice() }))
    return { ms: paintedAt - actedAt, longTasks: longTasks.length, longestMs: Math.max(0, ...longTasks.map((task) => task.duration)) }
  }
  const minimap = await measure(() => page.setViewportSize({ width: 1400, height: 900 }))
  const criticalPath = await measure(() => page.getByLabel('Critical path').check())
  const box = await page.getByTestId('minimap').boundingBox()
  const zoom = await measure(async () => {
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
  })
  const reset = await measure(() => page.getByRole('button', { name: 'Reset zoom' }).click())
  const selfTime = await measure(() => page.getByLabel('Self time in rows').check())
  return { minimap, criticalPath, zoom, reset, selfTime }
}

const featureText = (features) =>
  Object.entries(features)
    .map(([name, cost]) => `${name} ${ms(cost.ms)} (${cost.longTasks} long tasks${cost.longTasks ? `, longest ${ms(cost.longestMs)}` : ''})`)
    .join(' · ')

async function timeFetch(url, headers = {}) {
  const startedAt = performance.now()
  const response = await fetch(url, { headers })
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return performance.now() - startedAt
}

async function main() {
  start(process.execPath, [path.join(ROOT_DIR, 'packages/trace-store/dist/cli.js'), '--memory', '--port', String(STORE_PORT), '--retention-spans', '0'], {
    cwd: ROOT_DIR,
  })
  start(process.execPath, [path.join(APP_DIR, 'node_modules/next/dist/bin/next'), 'start', '--hostname', '127.0.0.1', '--port', String(DASHBOARD_PORT)], {
    cwd: APP_DIR,
    env: { ...process.env, SPANLIGHT_STORE_URL: STORE_URL, NEXT_TELEMETRY_DISABLED: '1' },
  })
  await waitForUp(`${STORE_URL}/api/services`)
  await waitForUp(`${DASHBOARD_URL}/api/config`)

  // a different trace per run: the dashboard keeps a trace for a minute after fetching it, and the open must be cold
  const openTraces = []
  for (let run = 0; run < RUNS; run += 1) {
    const generated = generateTrace({ spanCount: SPAN_COUNT })
    await sendTrace(STORE_URL, generated.batches)
    openTraces.push(generated.traceId)
  }
  const byIdTraces = []
  for (let round = 0; round < 3; round += 1) {
    const generated = generateTrace({ spanCount: SPAN_COUNT })
    await sendTrace(STORE_URL, generated.batches)
    byIdTraces.push(generated.traceId)
  }
  // opened over HTTP before the measured runs: a server that has been up a while has compiled the page's code paths
  const warmUpTraces = []
  for (let round = 0; round < 2; round += 1) {
    const generated = generateTrace({ spanCount: SPAN_COUNT })
    await sendTrace(STORE_URL, generated.batches)
    warmUpTraces.push(generated.traceId)
  }
  const large = generateTrace({ spanCount: SPAN_COUNT })
  await sendTrace(STORE_URL, large.batches)
  for (let index = 0; index < 200; index += 1)
    await sendTrace(STORE_URL, generateTrace({ spanCount: 40, startMs: Date.now() - 600_000 + index * 1000 }).batches)
  console.log(
    `store: ${RUNS + 6} traces of ${large.spanCount} spans (${new Set(large.batches.map((batch) => batch.resourceSpans[0].resource.attributes[0].value.stringValue)).size} services) and 200 traces of 40 spans`,
  )

  // warm both servers up (JIT, Next's route compilation cache)
  for (let index = 0; index < 3; index += 1) {
    await timeFetch(`${DASHBOARD_URL}/api/traces/${large.traceId}`)
    await timeFetch(`${DASHBOARD_URL}/api/traces?limit=50`)
    await timeFetch(`${STORE_URL}/api/traces?limit=50`)
  }
  // the trace page's server side (HTML with the first rows, the outline route), on traces the runs do not open
  for (const traceId of warmUpTraces) {
    await timeFetch(`${DASHBOARD_URL}/traces/${traceId}`)
    await timeFetch(`${DASHBOARD_URL}/api/traces/${traceId}/outline`)
  }

  console.log(`\nOpening the ${large.spanCount}-span trace in Chromium (fresh browser per run, 1440×900, ${RUNS} runs)`)
  const runs = []
  for (let run = 0; run < RUNS; run += 1) {
    const result = await openLargeTrace(openTraces[run])
    runs.push(result)
    if (process.env.BENCH_DEBUG) console.log(result.nav, result.resources, result.longTasks)
    const loadTasks = result.longTasks
    const longest = Math.max(0, ...result.scrollTasks.map((task) => task.duration))
    const outline = result.outline
    const outlineText = outline
      ? ` · outline ${ms(outline.start)}→${ms(outline.end)} (source ${ms(outline.timing.upstream ?? 0)}, parse ${ms(outline.timing.parse ?? 0)})`
      : ''
    console.log(
      `  run ${run + 1}: rows painted ${ms(result.rowsPaintedAt)} (interactive ${ms(result.interactiveAt)})${outlineText} · long tasks while loading ${loadTasks.length} (${ms(loadTasks.reduce((sum, task) => sum + task.duration, 0))}, longest ${ms(Math.max(0, ...loadTasks.map((task) => task.duration)))}) · scrolling: ${result.plainScrollTasks.length} long tasks as opened, ${result.scrollTasks.length} with critical path and self time on (longest ${ms(longest)}) · ${result.renderedRows} rows in the DOM · heap ${(result.heap / 1e6).toFixed(0)} MB`,
    )
    console.log(`         features: ${featureText(result.features)}`)
  }
  const scrollTasks = runs.flatMap((run) => run.scrollTasks)
  const plainScrollTasks = runs.flatMap((run) => run.plainScrollTasks)
  const proxyTimes = []
  const directTimes = []
  const proxyTrace = []
  const directTrace = []
  // cold: each trace is asked of the store directly first (which warms nothing in the dashboard), then through it
  for (const traceId of byIdTraces) {
    directTrace.push(await timeFetch(`${STORE_URL}/api/traces/${traceId}`))
    proxyTrace.push(await timeFetch(`${DASHBOARD_URL}/api/traces/${traceId}`))
  }
  for (let round = 0; round < SEARCH_ROUNDS; round += 1) {
    // alternate the order so neither side always runs on a warmer cache
    if (round % 2 === 0) {
      directTimes.push(await timeFetch(`${STORE_URL}/api/traces?limit=50`))
      proxyTimes.push(await timeFetch(`${DASHBOARD_URL}/api/traces?limit=50`))
    } else {
      proxyTimes.push(await timeFetch(`${DASHBOARD_URL}/api/traces?limit=50`))
      directTimes.push(await timeFetch(`${STORE_URL}/api/traces?limit=50`))
    }
  }

  // a search that makes the store work: a service, errors only and an attribute filter
  const heavyQuery = 'service=orders&errorsOnly=true&attribute=region%3Deu-west-1&limit=50'
  const heavyDirect = []
  const heavyProxied = []
  for (let round = 0; round < 10; round += 1) {
    heavyDirect.push(await timeFetch(`${STORE_URL}/api/traces?${heavyQuery}`))
    heavyProxied.push(await timeFetch(`${DASHBOARD_URL}/api/traces?${heavyQuery}`))
  }

  // the 100,000-span trace, opened once after everything else (it fills the server's trace cache)
  let huge = null
  if (HUGE_SPAN_COUNT > 0) {
    const generated = generateTrace({ spanCount: HUGE_SPAN_COUNT })
    const sentAt = performance.now()
    await sendTrace(STORE_URL, generated.batches)
    console.log(`\nOpening a ${generated.spanCount}-span trace once (stored in ${ms(performance.now() - sentAt)})`)
    const result = await openLargeTrace(generated.traceId)
    const loadTasks = result.longTasks
    huge = {
      spans: generated.spanCount,
      openMs: Math.round(result.rowsPaintedAt),
      interactiveMs: Math.round(result.interactiveAt),
      loadLongTasksMs: Math.round(loadTasks.reduce((sum, task) => sum + task.duration, 0)),
      loadLongestTaskMs: Math.round(Math.max(0, ...loadTasks.map((task) => task.duration))),
      plainScrollLongTasks: result.plainScrollTasks.length,
      scrollLongTasks: result.scrollTasks.length,
      scrollLongestTaskMs: Math.round(Math.max(0, ...result.scrollTasks.map((task) => task.duration))),
      heapMb: Math.round(result.heap / 1e6),
      features: Object.fromEntries(
        Object.entries(result.features).map(([name, cost]) => [name, { ms: Math.round(cost.ms), longestTaskMs: Math.round(cost.longestMs) }]),
      ),
    }
    console.log(
      `  rows painted ${ms(result.rowsPaintedAt)} (interactive ${ms(result.interactiveAt)}) · long tasks while loading ${loadTasks.length} (${huge.loadLongTasksMs} ms, longest ${huge.loadLongestTaskMs} ms) · scrolling: ${huge.plainScrollLongTasks} long tasks as opened, ${huge.scrollLongTasks} with critical path and self time on (longest ${huge.scrollLongestTaskMs} ms) · heap ${huge.heapMb} MB`,
    )
    console.log(`  features: ${featureText(result.features)}`)
  }

  const featureRuns = runs.map((run) => run.features)
  const featureMedians = Object.fromEntries(
    Object.keys(featureRuns[0] ?? {}).map((name) => [
      name,
      {
        ms: Math.round(median(featureRuns.map((features) => features[name].ms))),
        longestTaskMs: Math.round(Math.max(...featureRuns.map((features) => features[name].longestMs))),
      },
    ]),
  )

  const summary = {
    spans: large.spanCount,
    openMedianMs: Math.round(median(runs.map((run) => run.rowsPaintedAt))),
    interactiveMedianMs: Math.round(median(runs.map((run) => run.interactiveAt))),
    loadLongTasksMedianMs: Math.round(median(runs.map((run) => run.longTasks.reduce((sum, task) => sum + task.duration, 0)))),
    loadLongestTaskMedianMs: Math.round(median(runs.map((run) => Math.max(0, ...run.longTasks.map((task) => task.duration))))),
    plainScrollLongTasks: plainScrollTasks.length,
    scrollLongTasks: scrollTasks.length,
    scrollLongestTaskMs: Math.round(Math.max(0, ...scrollTasks.map((task) => task.duration))),
    heapMedianMb: Math.round(median(runs.map((run) => run.heap)) / 1e6),
    traceByIdDirectMedianMs: Math.round(median(directTrace)),
    traceByIdProxiedMedianMs: Math.round(median(proxyTrace)),
    searchDirectMedianMs: Number(median(directTimes).toFixed(1)),
    searchProxiedMedianMs: Number(median(proxyTimes).toFixed(1)),
    filteredSearchDirectMedianMs: Number(median(heavyDirect).toFixed(1)),
    filteredSearchProxiedMedianMs: Number(median(heavyProxied).toFixed(1)),
  }
  const overhead = ((summary.searchProxiedMedianMs - summary.searchDirectMedianMs) / summary.searchDirectMedianMs) * 100
  console.log(`\nSummary (medians over ${RUNS} runs)`)
  console.log(`  navigation → first waterfall rows painted: ${summary.openMedianMs} ms (target < 1000 ms)`)
  console.log(`  navigation → interactive waterfall painted: ${summary.interactiveMedianMs} ms`)
  console.log(`  long tasks while loading: ${summary.loadLongTasksMedianMs} ms in total, longest ${summary.loadLongestTaskMedianMs} ms`)
  console.log(
    `  scrolling (20 jumps top→bottom + 120 wheel-sized steps, all runs): ${summary.plainScrollLongTasks} long tasks > 50 ms as opened; ${summary.scrollLongTasks} with critical path and self time on, longest ${summary.scrollLongestTaskMs} ms (target: none)`,
  )
  console.log(`  JS heap after load: ${summary.heapMedianMb} MB`)
  console.log(
    `  trace view features (median ms to painted; longest task over all runs): ${Object.entries(featureMedians)
      .map(([name, cost]) => `${name} ${cost.ms} ms (longest task ${cost.longestTaskMs} ms)`)
      .join(' · ')} (target: no long task > 50 ms)`,
  )
  console.log(
    `  trace by id (${large.spanCount} spans, not cached, median of ${byIdTraces.length}): store ${summary.traceByIdDirectMedianMs} ms, through the dashboard ${summary.traceByIdProxiedMedianMs} ms`,
  )
  console.log(
    `  search (limit 50, ${SEARCH_ROUNDS} rounds): store ${summary.searchDirectMedianMs} ms, through the dashboard ${summary.searchProxiedMedianMs} ms → proxy overhead ${overhead.toFixed(0)}% (target < 20%)`,
  )
  const heavyOverhead = ((summary.filteredSearchProxiedMedianMs - summary.filteredSearchDirectMedianMs) / summary.filteredSearchDirectMedianMs) * 100
  console.log(
    `  filtered search (service, errors only, attribute; 10 rounds): store ${summary.filteredSearchDirectMedianMs} ms, through the dashboard ${summary.filteredSearchProxiedMedianMs} ms → proxy overhead ${heavyOverhead.toFixed(0)}%`,
  )
  console.log(
    `\n${JSON.stringify({ ...summary, features: featureMedians, huge, searchProxyOverheadPct: Number(overhead.toFixed(1)), filteredSearchProxyOverheadPct: Number(heavyOverhead.toFixed(1)) })}`,
  )
}

main()
  .then(() => {
    stopAll()
    process.exit(0)
  })
  .catch((error) => {
    console.error(error)
    stopAll()
    process.exit(1)
  })

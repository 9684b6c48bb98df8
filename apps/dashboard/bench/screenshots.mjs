// Writes the README's screenshots (docs/screenshots/*.png) from a store seeded with the demo-like generated traces,
// a two-service trace with an error and a Rollbar item linked to it. Needs `next build`. Ports 4872 (store) and 4873.
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { generateTrace, sendTrace } from './generate-trace.mjs'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const APP_DIR = path.join(HERE, '..')
const ROOT_DIR = path.join(APP_DIR, '..', '..')
const OUT_DIR = path.join(APP_DIR, 'docs', 'screenshots')
const STORE_URL = 'http://127.0.0.1:4872'
const DASHBOARD_URL = 'http://127.0.0.1:4873'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

const children = [
  spawn(process.execPath, [path.join(ROOT_DIR, 'packages/trace-store/dist/cli.js'), '--memory', '--port', '4872'], { cwd: ROOT_DIR, stdio: 'ignore' }),
  spawn(process.execPath, [path.join(APP_DIR, 'node_modules/next/dist/bin/next'), 'start', '--hostname', '127.0.0.1', '--port', '4873'], {
    cwd: APP_DIR,
    stdio: 'ignore',
    env: { ...process.env, SPANLIGHT_STORE_URL: STORE_URL, NEXT_TELEMETRY_DISABLED: '1' },
  }),
]
const stopAll = () => children.forEach((child) => child.exitCode === null && child.kill('SIGTERM'))
process.on('exit', stopAll)

async function waitForUp(url) {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {
      // not up yet
    }
  }
  throw new Error(`${url} did not come up`)
}

try {
  await waitForUp(`${STORE_URL}/api/services`)
  await waitForUp(`${DASHBOARD_URL}/api/config`)
  let featured
  for (let index = 0; index < 30; index += 1) {
    const generated = generateTrace({ spanCount: index === 29 ? 400 : 20 + ((index * 37) % 120), startMs: Date.now() - 1_500_000 + index * 45_000 })
    await sendTrace(STORE_URL, generated.batches)
    featured = generated
  }
  const item = (message, level, traceId) =>
    fetch(`${STORE_URL}/api/1/item/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rollbar-access-token': 'screenshot' },
      body: JSON.stringify({
        data: {
          environment: 'demo',
          level,
          body: {
            trace: {
              exception: { class: 'TypeError', message },
              frames: [{ filename: 'https://shop.example/static/main.js', lineno: 10, colno: 5, method: 'checkout' }],
            },
          },
          request: { url: 'https://shop.example/checkout', method: 'POST' },
          custom: traceId ? { trace_id: traceId } : { note: 'no trace id' },
        },
      }),
    })
  await item('cart is undefined', 'error', featured.traceId)
  await item('Failed to fetch', 'warning', null)
  // a session: one trace carrying session.id and an occurrence carrying custom.session_id
  const sessionId = 'a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b'
  const sessionTrace = generateTrace({ spanCount: 12, startMs: Date.now() - 200_000 })
  sessionTrace.batches[0].resourceSpans[0].scopeSpans[0].spans[0].attributes.push({ key: 'session.id', value: { stringValue: sessionId } })
  await sendTrace(STORE_URL, sessionTrace.batches)
  await fetch(`${STORE_URL}/api/1/item/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rollbar-access-token': 'screenshot' },
    body: JSON.stringify({
      data: {
        environment: 'demo',
        level: 'error',
        body: {
          trace: {
            exception: { class: 'TypeError', message: 'order.items is undefined' },
            frames: [{ filename: 'https://shop.example/static/main.js', lineno: 12, colno: 9, method: 'renderOrder' }],
          },
        },
        custom: { trace_id: sessionTrace.traceId, session_id: sessionId },
      },
    }),
  })
  // two versions of one request for the comparison page: B has more spans (its second interaction goes further),
  // and its payments handler ('charge') takes twice as long
  const compareA = generateTrace({ spanCount: 40, startMs: Date.now() - 400_000 })
  const compareB = generateTrace({ spanCount: 48, startMs: Date.now() - 300_000 })
  for (const batch of compareB.batches)
    for (const span of batch.resourceSpans[0].scopeSpans[0].spans)
      if (span.name === 'charge') span.endTimeUnixNano = String(2n * BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano))
  await sendTrace(STORE_URL, compareA.batches)
  await sendTrace(STORE_URL, compareB.batches)
  // the open-trace-file page shows a file the browser opened: the featured trace's OTLP download
  const download = await fetch(`${DASHBOARD_URL}/api/traces/${featured.traceId}/otlp`)
  if (!download.ok) throw new Error(`the featured trace's download failed: HTTP ${download.status}`)
  const traceFile = { name: `trace-${featured.traceId}.otlp.json`, mimeType: 'application/json', buffer: Buffer.from(await download.arrayBuffer()) }
  const openFile = (page) => page.getByTestId('trace-file-input').setInputFiles(traceFile)
  const items = await (await fetch(`${STORE_URL}/api/1/items`)).json()
  const itemId = items.result.items.find((entry) => entry.title.includes('cart is undefined')).id
  mkdirSync(OUT_DIR, { recursive: true })
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  // [name, path, what to wait for, what to do first]; each page at 1,440×900 (name.png) and 390×844 (name-phone.png),
  // the waterfall also in dark mode. The page width is checked at each: a page wider than its viewport fails the run.
  const pages = [
    ['overview', '/', 'table tbody tr'],
    ['traces', '/traces', '[data-testid=trace-scatter]'],
    ['trace', `/traces/${featured.traceId}`, '[data-testid=span-details] h3'],
    ['errors', '/errors', 'table tbody tr'],
    ['item', `/errors/${itemId}`, '[data-testid=occurrence]'],
    ['session', `/sessions/${sessionId}`, '[data-testid=session-timeline]'],
    ['lookup', '/lookup?q=not-an-id', '[data-testid=lookup-message]'],
    ['compare', `/traces/compare?a=${compareA.traceId}&b=${compareB.traceId}`, '[data-testid=compare-summary]'],
    ['open', '/traces/open', '[data-testid=waterfall][data-interactive=true]', openFile],
    ['dependencies', '/dependencies', 'svg[aria-label="Service dependency graph"] [data-edge]'],
    [
      'query',
      `/query?q=${encodeURIComponent(
        JSON.stringify({
          calculations: [{ op: 'COUNT' }, { op: 'P95', column: 'duration_ms' }, { op: 'HEATMAP', column: 'duration_ms' }],
          breakdowns: ['service.name'],
          orders: [{ op: 'COUNT', order: 'descending' }],
          limit: 5,
          time_range: 3600,
        }),
      )}`,
      '[data-testid=heatmap] canvas',
    ],
  ]
  const shots = [
    ...pages.map(([name, url, ready, prepare]) => ({ file: name, url, ready, prepare, viewport: { width: 1440, height: 900 }, scheme: 'light' })),
    ...pages.map(([name, url, ready, prepare]) => ({ file: `${name}-phone`, url, ready, prepare, viewport: { width: 390, height: 844 }, scheme: 'light' })),
    { file: 'trace-dark', url: `/traces/${featured.traceId}`, ready: '[data-testid=span-details] h3', viewport: { width: 1440, height: 900 }, scheme: 'dark' },
  ]
  const tooWide = []
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: shot.viewport, colorScheme: shot.scheme })
    await page.goto(`${DASHBOARD_URL}${shot.url}`)
    await page.waitForLoadState('networkidle')
    if (shot.prepare) await shot.prepare(page)
    await page.locator(shot.ready).first().waitFor()
    const width = await page.evaluate(() => document.scrollingElement.scrollWidth)
    if (width > shot.viewport.width) {
      // the elements reaching past the viewport, for whoever has to fix it
      const culprits = await page.evaluate(
        (limit) =>
          [...document.querySelectorAll('body *')]
            .filter((element) => element.getBoundingClientRect().right > limit)
            .slice(0, 8)
            .map((element) => `${element.tagName.toLowerCase()}.${element.className} ${Math.round(element.getBoundingClientRect().right)}px`),
        shot.viewport.width,
      )
      tooWide.push(`${shot.file}: ${width} px wide at ${shot.viewport.width} px (${culprits.join(', ')})`)
    }
    await page.screenshot({ path: path.join(OUT_DIR, `${shot.file}.png`) })
    console.log(`wrote docs/screenshots/${shot.file}.png (page ${width} px wide)`)
    await page.close()
  }
  if (tooWide.length > 0) {
    console.error(`pages wider than their viewport:\n${tooWide.join('\n')}`)
    process.exitCode = 1
  }
  await browser.close()
} finally {
  stopAll()
}

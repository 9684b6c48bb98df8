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
  mkdirSync(OUT_DIR, { recursive: true })
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: scheme })
    const shots =
      scheme === 'light'
        ? [
            ['overview', '/'],
            ['traces', '/traces'],
            ['trace', `/traces/${featured.traceId}`],
            ['errors', '/errors'],
          ]
        : [['trace-dark', `/traces/${featured.traceId}`]]
    for (const [name, url] of shots) {
      await page.goto(`${DASHBOARD_URL}${url}`)
      await page.waitForLoadState('networkidle')
      if (name.startsWith('trace-') || name === 'trace') await page.locator('[data-testid=span-details] h3').first().waitFor()
      await page.screenshot({ path: path.join(OUT_DIR, `${name}.png`) })
      console.log(`wrote docs/screenshots/${name}.png`)
    }
    await page.close()
  }
  await browser.close()
} finally {
  stopAll()
}

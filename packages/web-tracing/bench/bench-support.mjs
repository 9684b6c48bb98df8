// What the Chromium benchmarks share: entries bundled like an app would
// bundle them, servers on free loopback ports, Debian's Chromium, medians.
import { chromium } from '@playwright/test'
import { build } from 'esbuild'
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ENTRIES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'entries')

/** Bundles `bench/entries/<entry>` files (minified ESM, es2020) in memory: a map of `/<name>.js` to source. */
export async function bundleEntries(entries) {
  const result = await build({
    entryPoints: entries.map((entry) => path.join(ENTRIES_DIR, entry)),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    outdir: '/bench',
    write: false,
    logLevel: 'error',
  })
  return new Map(result.outputFiles.map((file) => [`/${path.basename(file.path)}`, file.text]))
}

/** An HTTP server on 127.0.0.1 and a free port. */
export async function listen(handler) {
  const server = createServer(handler)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${server.address().port}` }
}

/** Debian's Chromium with the flags this machine needs (never a downloaded browser). */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** CPU µs of the top-level tasks on the busiest renderer main thread of a Chromium trace (the page's; others are idle). */
export function mainThreadCpuUs(trace) {
  const events = trace.traceEvents ?? trace
  const mainThreads = new Set(
    events
      .filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  )
  const byThread = new Map()
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`
    if (event.ph !== 'X' || event.name !== 'ThreadControllerImpl::RunTask' || !mainThreads.has(thread)) continue
    const totals = byThread.get(thread) ?? { cpuUs: 0, wallUs: 0 }
    totals.cpuUs += event.tdur ?? 0
    totals.wallUs += event.dur ?? 0
    byThread.set(thread, totals)
  }
  const busiest = [...byThread.values()].sort((a, b) => b.wallUs - a.wallUs)[0]
  return busiest?.cpuUs ?? 0
}

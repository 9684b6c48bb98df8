// `npm run check:web-size` (run by `npm test`, after the TypeScript build):
// size budgets of @spanlight/web-tracing, built like an app builds it and
// measured against plain OpenTelemetry built in the same run (see
// bench/bundle-size.mjs: esbuild minified ESM es2020, gzip -9, startup
// chunks), and a check that apps which do not opt in bundle neither the
// Rollbar bridge nor the B3/X-Ray injectors. Exits non-zero on a failure.
import { fileURLToPath } from 'node:url'
import { buildEntry, measureEntry } from '../bench/bundle-size.mjs'

/** Startup gzip size of an entry over its baseline's. Lower a ratio freely; raise one only on purpose, with the reason in the commit. */
export const SIZE_BUDGETS = [
  {
    entry: 'spanlight.js',
    baseline: 'plain-otel.js',
    maxRatio: 0.65,
    what: 'default entry vs plain OpenTelemetry (fetch + document load + OTLP/HTTP + zone.js)',
  },
  {
    entry: 'spanlight-rollbar.js',
    baseline: 'plain-otel-rollbar.js',
    maxRatio: 0.79,
    what: 'Rollbar setup (app passes its instance) vs plain OpenTelemetry + rollbar',
  },
]

/**
 * Issue 17's target for the frontend signals: the default entry with every
 * frontend-signal opt-in entry (/vitals, /interactions, /routes, /long-frames)
 * at most half of Honeycomb's web SDK with its documented auto-instrumentations,
 * built in the same run (74,754 B gzipped in /work/shared/PEERS.md; the
 * versions installed here build a little larger).
 */
export const PEER_BUDGETS = [
  {
    entry: 'spanlight-signals.js',
    peer: 'honeycomb-web.js',
    maxRatio: 0.5,
    what: 'default entry + every frontend-signal entry vs Honeycomb web SDK + auto-instrumentations',
  },
]

/** Text that only the opt-in entries bring: the default entry must contain none of it. */
const OPT_IN_MARKERS = [
  { text: 'rollbar.item.uuid', entry: '/rollbar (the bridge)' },
  { text: 'api.rollbar.com', entry: '/rollbar (the bridge)' },
  { text: 'x-b3-traceid', entry: '/propagation (B3)' },
  { text: 'x-amzn-trace-id', entry: '/propagation (X-Ray)' },
  { text: 'browser.web_vital', entry: '/vitals (web vitals)' },
  { text: 'browser.interaction', entry: '/interactions' },
  { text: 'browser.navigation.type', entry: '/routes (route changes)' },
  { text: 'browser.long_frame', entry: '/long-frames' },
]

async function main() {
  let failed = 0
  const report = (ok, line) => {
    if (!ok) failed++
    console[ok ? 'log' : 'error'](`  ${ok ? '✓' : '✗'} ${line}`)
  }
  console.log('@spanlight/web-tracing: bundle size (esbuild minified ESM es2020, gzip -9, startup chunks; same run)')
  const sizes = new Map()
  const measure = async (entry) => {
    if (!sizes.has(entry)) sizes.set(entry, (await measureEntry(entry)).startupGzipBytes)
    return sizes.get(entry)
  }
  for (const budget of SIZE_BUDGETS) {
    const ours = await measure(budget.entry)
    const baseline = await measure(budget.baseline)
    const ratio = ours / baseline
    const room = Math.floor(budget.maxRatio * baseline) - ours
    report(
      ratio <= budget.maxRatio,
      `${budget.what}: ${ours} / ${baseline} B = ${ratio.toFixed(3)}x (budget ${budget.maxRatio}x: ${room >= 0 ? `${room} B left` : `${-room} B over`})`,
    )
  }
  for (const budget of PEER_BUDGETS) {
    const ours = await measure(budget.entry)
    const peer = await measure(budget.peer)
    const ratio = ours / peer
    const room = Math.floor(budget.maxRatio * peer) - ours
    report(
      ratio <= budget.maxRatio,
      `${budget.what}: ${ours} / ${peer} B = ${ratio.toFixed(3)}x (budget ${budget.maxRatio}x: ${room >= 0 ? `${room} B left` : `${-room} B over`}; the signal entries themselves: ${ours - (await measure('spanlight.js'))} B)`,
    )
  }
  const defaultBundle = await buildEntry('spanlight.js')
  for (const marker of OPT_IN_MARKERS) report(!defaultBundle.includes(marker.text), `the default entry leaves out ${marker.entry} ("${marker.text}")`)
  if (failed > 0) {
    console.error(`${failed} size check(s) failed`)
    process.exit(1)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

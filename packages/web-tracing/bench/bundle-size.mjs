// Builds each entry the way an app bundler would (esbuild, minified ESM for
// es2020, browser conditions, code splitting) and measures what the page
// loads at startup: the entry chunk plus the chunks it imports statically,
// gzip -9. Lazily imported chunks are listed separately.
import { build } from 'esbuild'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url))
export const ENTRIES_DIR = path.join(BENCH_DIR, 'entries')

const gzipBytes = (text) => gzipSync(Buffer.from(text), { level: 9 }).length

/** Builds `entryFile` and returns its output files, split into what loads at startup and what loads lazily. */
async function buildOutputs(entryFile) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'spanlight-size-'))
  try {
    const result = await build({
      entryPoints: [path.join(ENTRIES_DIR, entryFile)],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2020',
      platform: 'browser',
      splitting: true,
      outdir,
      metafile: true,
      write: true,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    })
    const outputs = result.metafile.outputs
    const entryOut = Object.keys(outputs).find((file) => outputs[file].entryPoint)
    const startup = new Set()
    const visit = (file) => {
      if (startup.has(file)) return
      startup.add(file)
      for (const imported of outputs[file].imports) if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path)
    }
    visit(entryOut)
    const files = { startup: [], lazy: [] }
    for (const file of Object.keys(outputs)) {
      if (!file.endsWith('.js')) continue
      const text = readFileSync(path.resolve(file.startsWith('/') ? file : path.join(process.cwd(), file)), 'utf8')
      ;(startup.has(file) ? files.startup : files.lazy).push(text)
    }
    return files
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}

/** The code an app built from `entryFile` loads at startup (all startup chunks, concatenated). */
export async function buildEntry(entryFile) {
  return (await buildOutputs(entryFile)).startup.join('\n')
}

/** @returns {Promise<{ startupGzipBytes: number, lazyGzipBytes: number, startupMinBytes: number }>} */
export async function measureEntry(entryFile) {
  const { startup, lazy } = await buildOutputs(entryFile)
  const sum = (texts, size) => texts.reduce((total, text) => total + size(text), 0)
  return {
    startupGzipBytes: sum(startup, gzipBytes),
    lazyGzipBytes: sum(lazy, gzipBytes),
    startupMinBytes: sum(startup, (text) => Buffer.byteLength(text)),
  }
}

export const SIZE_CASES = [
  { name: 'plain OpenTelemetry (fetch + document load + zone + OTLP/HTTP)', entry: 'plain-otel.js' },
  { name: 'plain OpenTelemetry without zone.js', entry: 'plain-otel-no-zone.js' },
  { name: '@spanlight/web-tracing (default: no zone.js)', entry: 'spanlight.js', baseline: 'plain-otel.js' },
  { name: '@spanlight/web-tracing + /zone (zone.js)', entry: 'spanlight-zone.js', baseline: 'plain-otel.js' },
  { name: '@spanlight/web-tracing + /propagation (b3() and xray())', entry: 'spanlight-b3.js', baseline: 'plain-otel.js' },
  {
    name: '@spanlight/web-tracing + /vitals (web vitals with attribution)',
    entry: 'spanlight-vitals.js',
    baseline: 'plain-otel.js',
    addsTo: 'spanlight.js',
  },
  { name: "Honeycomb's web SDK with its documented auto-instrumentations (the frontend-signal peer)", entry: 'honeycomb-web.js' },
  {
    name: '@spanlight/web-tracing + /vitals + /interactions + /routes + /long-frames (the frontend signals)',
    entry: 'spanlight-signals.js',
    baseline: 'honeycomb-web.js',
    addsTo: 'spanlight.js',
  },
  {
    name: '@spanlight/web-tracing + every opt-in entry but /rollbar and /react (zone.js, XHR, B3/X-Ray, the signals)',
    entry: 'spanlight-all-opt-in.js',
    baseline: 'honeycomb-web.js',
  },
  { name: 'rollbar 3.1 alone', entry: 'rollbar-only.js' },
  { name: 'plain OpenTelemetry + rollbar', entry: 'plain-otel-rollbar.js' },
  { name: '@spanlight/web-tracing + /rollbar bridge (app passes its instance)', entry: 'spanlight-rollbar.js', baseline: 'plain-otel-rollbar.js' },
  {
    name: '@spanlight/web-tracing + /rollbar bridge from options (rollbar loaded lazily)',
    entry: 'spanlight-rollbar-options.js',
    baseline: 'plain-otel-rollbar.js',
  },
]

export async function measureAll() {
  const sizes = {}
  for (const sizeCase of SIZE_CASES) sizes[sizeCase.entry] = await measureEntry(sizeCase.entry)
  return SIZE_CASES.map((sizeCase) => ({
    ...sizeCase,
    ...sizes[sizeCase.entry],
    ratio: sizeCase.baseline ? sizes[sizeCase.entry].startupGzipBytes / sizes[sizeCase.baseline].startupGzipBytes : undefined,
  }))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await measureAll()
  console.log('bundle size (esbuild 0.28 minified ESM es2020, gzip -9; startup = entry + static chunks)')
  for (const row of rows) {
    const ratio = row.ratio === undefined ? '' : `  ${row.ratio.toFixed(3)}x of ${row.baseline}`
    const lazy = row.lazyGzipBytes ? `  (+${row.lazyGzipBytes} B gz lazy)` : ''
    const added = row.addsTo
      ? `  (the entry adds ${row.startupGzipBytes - rows.find((other) => other.entry === row.addsTo).startupGzipBytes} B gz to ${row.addsTo})`
      : ''
    console.log(`${String(row.startupGzipBytes).padStart(8)} B gz  ${row.name}${ratio}${lazy}${added}`)
  }
}

// Issue 16: which embedded engine should answer Honeycomb-style aggregate queries? Loads the same
// 1,000,000 realistic spans into (A) a SQLite row projection and (B) DuckDB, each in its own
// process (so RSS is the engine's own), timing every ingest batch; runs the six reference queries
// 10 times each (after one warm-up) on each, and on DuckDB over a Parquet export of the spans; checks
// every engine gave the same answers; prints a table. Asserts nothing.
//   npx tsc -p packages/trace-store/tsconfig.dev.json
//   node --expose-gc packages/trace-store/build/bench/query/run-query-bench.js
// BENCH_SPANS=200000 for a quicker run; BENCH_ENGINES=duckdb to leave the SQLite projections out (they take minutes).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeRealisticBatch } from '../realistic-batch.js'
import { peakRssMb, resetPeakRss } from '../process-memory.js'
import { writeOnlyMsPerBatch } from '../write-only.js'
import { DuckDbEngine } from './duckdb-engine.js'
import { QUERY_IDS, QUERY_LABELS, type QueryId, type ResultRow } from './queries.js'
import { BATCH_SPANS, makeSpanRows, type SpanRow } from './span-rows.js'
import { SqliteEngine, type AttributeLayout } from './sqlite-engine.js'

const TARGET_SPANS = Number(process.env.BENCH_SPANS ?? 1_000_000)
const BATCH_COUNT = Math.ceil(TARGET_SPANS / BATCH_SPANS)
const QUERY_RUNS = 10
// a query whose warm-up run takes longer than this is measured 3 times, so the run ends in minutes
const SLOW_QUERY_MS = 3000
const SLOW_QUERY_RUNS = 3
const DUCKDB_OPTIONS = { threads: '2', memory_limit: '512MB' }
const RESULT_PREFIX = 'RESULT '

type Engine = 'sqlite-key-first' | 'sqlite-span-first' | 'duckdb'
type DuckDbWrite = 'rows' | 'chunk' | 'json'
const DUCKDB_WRITES: DuckDbWrite[] = ['rows', 'chunk', 'json']
const DUCKDB_WRITE_LABELS: Record<DuckDbWrite, string> = {
  rows: 'appended value by value',
  chunk: 'appended as one data chunk',
  json: 'NDJSON file + read_json',
}
const ALL_ENGINES: Engine[] = ['sqlite-key-first', 'sqlite-span-first', 'duckdb']
// BENCH_ENGINES=duckdb (a comma-separated list) runs only those; DuckDB (and so the Parquet reference) always runs
const ENGINES = ALL_ENGINES.filter((engine) => engine === 'duckdb' || (process.env.BENCH_ENGINES ?? engine).split(',').includes(engine))

interface QueryFigures {
  times: number[]
  result: string
  rowCount: number
}

interface PhaseFigures {
  engine: Engine
  spans: number
  batchMs: number[]
  /** DuckDB: batches appended value by value, as one data chunk, and read from NDJSON, in turn */
  methodBatchMs?: Record<DuckDbWrite, number[]>
  generateMs: number
  rssAfterLoadMb: number
  peakRssLoadMb: number
  rssAfterQueriesMb: number
  files: Record<string, number>
  queries: Partial<Record<QueryId, QueryFigures>>
  parquet?: { exportMs: number; queries: Partial<Record<QueryId, QueryFigures>> }
  loadAverage: { before: number[]; after: number[] }
}

const log = (line: string) => process.stderr.write(`${line}\n`)
const gc = () => (globalThis as { gc?: () => void }).gc?.()
const rssNowMb = () => process.memoryUsage().rss / 1024 / 1024

function sorted(values: number[]): number[] {
  return [...values].sort((a, b) => a - b)
}
function nearestRank(values: number[], quantile: number): number {
  const ordered = sorted(values)
  return ordered[Math.max(0, Math.ceil(ordered.length * quantile) - 1)] ?? NaN
}

/** The result as text for comparing engines: numbers to 6 decimals, columns by name. */
function canonical(rows: ResultRow[]): string {
  return JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(
        Object.keys(row)
          .sort()
          .map((name) => {
            const value = row[name]
            return [name, typeof value === 'number' ? Math.round(value * 1e6) / 1e6 : value]
          }),
      ),
    ),
  )
}

async function timeQuery(run: () => ResultRow[] | Promise<ResultRow[]>): Promise<QueryFigures> {
  const warmUpAt = performance.now()
  let rows = await run()
  const runs = performance.now() - warmUpAt > SLOW_QUERY_MS ? SLOW_QUERY_RUNS : QUERY_RUNS
  const times: number[] = []
  for (let index = 0; index < runs; index += 1) {
    const startedAt = performance.now()
    rows = await run()
    times.push(performance.now() - startedAt)
  }
  return { times, result: canonical(rows), rowCount: rows.length }
}

function filesIn(directory: string): Record<string, number> {
  return Object.fromEntries(readdirSync(directory).map((name) => [name, statSync(path.join(directory, name)).size]))
}

/** Generates the batches and hands each to `write`, timing only the write. */
async function load(write: (rows: SpanRow[], batchIndex: number) => void | Promise<void>): Promise<{ batchMs: number[]; generateMs: number; spans: number }> {
  const batchMs: number[] = []
  let generateMs = 0
  let spans = 0
  for (let batchIndex = 0; batchIndex < BATCH_COUNT; batchIndex += 1) {
    const generatedAt = performance.now()
    const rows = makeSpanRows(batchIndex, BATCH_COUNT)
    const startedAt = performance.now()
    await write(rows, batchIndex)
    batchMs.push(performance.now() - startedAt)
    generateMs += startedAt - generatedAt
    spans += rows.length
    if (batchIndex % 200 === 199) log(`  ${spans} spans`)
  }
  return { batchMs, generateMs, spans }
}

async function runPhase(engine: Engine): Promise<PhaseFigures> {
  const directory = mkdtempSync(path.join(tmpdir(), `spanlight-query-bench-${engine}-`))
  const loadAverage = { before: loadavg(), after: [] as number[] }
  try {
    gc()
    resetPeakRss(process.pid)
    if (engine !== 'duckdb') {
      const store = new SqliteEngine(path.join(directory, 'projection.db'), engine.slice('sqlite-'.length) as AttributeLayout)
      const loaded = await load((rows) => store.write(rows))
      const peakRssLoadMb = peakRssMb(process.pid)
      gc()
      const rssAfterLoadMb = rssNowMb()
      store.db.pragma('wal_checkpoint(TRUNCATE)')
      const files = filesIn(directory)
      const queries: PhaseFigures['queries'] = {}
      for (const id of QUERY_IDS) {
        log(`  ${engine} ${id}`)
        queries[id] = await timeQuery(() => store.query(id))
      }
      const rssAfterQueriesMb = rssNowMb()
      store.close()
      loadAverage.after = loadavg()
      return { engine, ...loaded, peakRssLoadMb, rssAfterLoadMb, rssAfterQueriesMb, files, queries, loadAverage }
    }
    const store = await DuckDbEngine.open(path.join(directory, 'spans.duckdb'), DUCKDB_OPTIONS)
    await store.createTable()
    const jsonFile = path.join(directory, 'batch.ndjson')
    const loaded = await load((rows, batchIndex) => {
      const method = DUCKDB_WRITES[batchIndex % DUCKDB_WRITES.length]!
      return method === 'rows' ? store.writeRows(rows) : method === 'chunk' ? store.writeChunk(rows) : store.writeJson(rows, jsonFile)
    })
    rmSync(jsonFile, { force: true })
    const methodBatchMs = Object.fromEntries(
      DUCKDB_WRITES.map((method, methodIndex) => [method, loaded.batchMs.filter((_, index) => index % DUCKDB_WRITES.length === methodIndex)]),
    ) as Record<DuckDbWrite, number[]>
    await store.closeAppender()
    const peakRssLoadMb = peakRssMb(process.pid)
    gc()
    const rssAfterLoadMb = rssNowMb()
    const queries: PhaseFigures['queries'] = {}
    for (const id of QUERY_IDS) {
      log(`  duckdb ${id}`)
      queries[id] = await timeQuery(() => store.query(id, 'spans'))
    }
    const rssAfterQueriesMb = rssNowMb()
    const parquetFile = path.join(directory, 'spans.parquet')
    const exportedAt = performance.now()
    await store.connection.run(`COPY spans TO '${parquetFile}' (FORMAT parquet, COMPRESSION zstd)`)
    const exportMs = performance.now() - exportedAt
    const parquetQueries: PhaseFigures['queries'] = {}
    for (const id of QUERY_IDS) {
      log(`  parquet ${id}`)
      parquetQueries[id] = await timeQuery(() => store.query(id, `read_parquet('${parquetFile}')`))
    }
    const files = filesIn(directory)
    store.close()
    loadAverage.after = loadavg()
    return {
      engine,
      ...loaded,
      methodBatchMs,
      peakRssLoadMb,
      rssAfterLoadMb,
      rssAfterQueriesMb,
      files,
      queries,
      parquet: { exportMs, queries: parquetQueries },
      loadAverage,
    }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

function spawnPhase(engine: Engine): PhaseFigures {
  log(
    `${engine}: loading ${BATCH_COUNT * BATCH_SPANS} spans (load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')})`,
  )
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), `--phase=${engine}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  const line = child.stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX))
  if (child.status !== 0 || !line) throw new Error(`${engine} phase failed (exit ${child.status}, signal ${child.signal})`)
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as PhaseFigures
}

/** The store's own commit of the same kind of batches (SpanWriter alone, WAL file), this run. */
function storeCommitMsPerBatch(): number[] {
  const bodies = Array.from({ length: 60 }, (_, index) =>
    Buffer.from(JSON.stringify(makeRealisticBatch({ spanCount: BATCH_SPANS, startTimeUnixNano: 1_700_000_000_000_000_000n + BigInt(index) * 50_000_000n }))),
  )
  return Array.from({ length: 3 }, () => writeOnlyMsPerBatch('json', bodies, 10))
}

const fmt = (value: number, digits = 1) => value.toFixed(digits)
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MiB`
const spread = (times: number[]) => `${fmt(Math.min(...times))}–${fmt(Math.max(...times))}`

const perSpanUs = (ms: number) => (ms * 1000) / BATCH_SPANS

function printIngest(phase: PhaseFigures, commitMs: number[]): void {
  const tenth = Math.max(1, Math.floor(phase.batchMs.length / 10))
  const first = nearestRank(phase.batchMs.slice(0, tenth), 0.5)
  const last = nearestRank(phase.batchMs.slice(-tenth), 0.5)
  const total = phase.batchMs.reduce((sum, value) => sum + value, 0)
  const commit = nearestRank(commitMs, 0.5)
  console.log(
    `  ${phase.engine.padEnd(17)} ${fmt(perSpanUs(nearestRank(phase.batchMs, 0.5)), 2).padStart(6)} µs/span median (first 10% ${fmt(perSpanUs(first), 2)}, last 10% ${fmt(perSpanUs(last), 2)}, p95 batch ${fmt(perSpanUs(nearestRank(phase.batchMs, 0.95)), 2)}); ` +
      `${Math.round(phase.spans / (total / 1000))} spans/s writing alone; ${fmt(last / commit, 2)}× the store's own commit of a batch; ` +
      `RSS after load ${fmt(phase.rssAfterLoadMb)} MB (peak while loading ${fmt(phase.peakRssLoadMb)}, after queries ${fmt(phase.rssAfterQueriesMb)}); ` +
      `files ${Object.entries(phase.files)
        .map(([name, size]) => `${name} ${mb(size)}`)
        .join(', ')}; generating the rows (not counted) ${fmt(phase.generateMs / 1000)} s`,
  )
  if (phase.methodBatchMs) {
    for (const [method, batchMs] of Object.entries(phase.methodBatchMs)) {
      const tenth = Math.max(1, Math.floor(batchMs.length / 10))
      console.log(
        `    ${DUCKDB_WRITE_LABELS[method as DuckDbWrite]} (one batch in ${DUCKDB_WRITES.length}): ${fmt(perSpanUs(nearestRank(batchMs, 0.5)), 2)} µs/span median, ` +
          `last 10% ${fmt(perSpanUs(nearestRank(batchMs.slice(-tenth), 0.5)), 2)}, p95 ${fmt(perSpanUs(nearestRank(batchMs, 0.95)), 2)}, ${fmt(perSpanUs(sorted(batchMs)[0]!), 2)}–${fmt(perSpanUs(sorted(batchMs).at(-1)!), 2)}`,
      )
    }
  }
}

async function main(): Promise<void> {
  const phaseArgument = process.argv.find((argument) => argument.startsWith('--phase='))
  if (phaseArgument) {
    const figures = await runPhase(phaseArgument.slice('--phase='.length) as Engine)
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(figures)}\n`)
    return
  }
  console.log(
    `Query engines, ${BATCH_COUNT * BATCH_SPANS} spans in ${BATCH_SPANS}-span batches; load average ${loadavg()
      .map((value) => fmt(value, 2))
      .join(' ')}`,
  )
  const commitMs = storeCommitMsPerBatch()
  const phases = ENGINES.map(spawnPhase)
  const duckdb = phases.find((phase) => phase.engine === 'duckdb')!
  const parquet = duckdb.parquet!
  console.log(
    `\nIngest. The store's commit alone (SpanWriter, WAL file, 60 JSON batches, 3 rounds): ${commitMs.map((ms) => fmt(ms, 2)).join(' / ')} ms per ${BATCH_SPANS}-span batch; ` +
      `whole ingest today ~13–19k spans/s (README) = ${fmt(1e6 / 19_000)}–${fmt(1e6 / 13_000)} µs/span, so ≥ 80% of it leaves ≤ ${fmt(1e6 / 19_000 / 4)}–${fmt(1e6 / 13_000 / 4)} µs/span for the projection.`,
  )
  for (const phase of phases) printIngest(phase, commitMs)
  console.log(`  parquet export (COPY … TO, zstd) ${fmt(parquet.exportMs)} ms`)
  console.log(
    `\nQueries, ${QUERY_RUNS} runs each after a warm-up (${SLOW_QUERY_RUNS} when the warm-up took over ${SLOW_QUERY_MS} ms), ms; ratio = the engine's p95 / DuckDB-over-Parquet p95`,
  )
  console.log('  engine            query                  runs      p50      p95  min–max            ratio  answer')
  const parquetPhase: PhaseFigures = { ...duckdb, engine: 'duckdb', queries: parquet.queries }
  for (const id of QUERY_IDS) {
    const reference = parquet.queries[id]!
    const referenceP95 = nearestRank(reference.times, 0.95)
    for (const [label, phase] of [...phases.map((phase) => [phase.engine, phase] as const), ['duckdb/parquet', parquetPhase] as const]) {
      const figures = phase.queries[id]!
      const answer = figures.result === reference.result ? `same as Parquet (${figures.rowCount} rows)` : `DIFFERS (${figures.rowCount} rows)`
      console.log(
        `  ${label.padEnd(17)} ${id.padEnd(22)} ${String(figures.times.length).padStart(4)} ${fmt(nearestRank(figures.times, 0.5)).padStart(8)} ${fmt(nearestRank(figures.times, 0.95)).padStart(8)}  ${spread(figures.times).padEnd(17)} ${fmt(nearestRank(figures.times, 0.95) / referenceP95, 2).padStart(6)}  ${answer}`,
      )
    }
  }
  for (const id of QUERY_IDS) console.log(`  ${id}: ${QUERY_LABELS[id]}`)
  const loads = phases.map(
    (phase) => `${phase.engine} ${phase.loadAverage.before.map((v) => fmt(v, 2)).join(' ')} → ${phase.loadAverage.after.map((v) => fmt(v, 2)).join(' ')}`,
  )
  console.log(
    `\nLoad average (1/5/15 min) before → after each phase: ${loads.join('; ')}; now ${loadavg()
      .map((v) => fmt(v, 2))
      .join(' ')}`,
  )
  console.log(`DuckDB settings: ${JSON.stringify(DUCKDB_OPTIONS)}; SQLite: the store's pragmas (64 KiB pages, WAL, 16 MiB cache)`)
}

await main()

// Issue 16's targets, measured on the store as users run it: the CLI as a child process, spans sent over HTTP in
// realistic batches, queries through POST /api/query. One run prints, side by side:
// - ingest spans/s with the query index off and on (target: on ≥ 80% of off), how long the index took to hold every
//   span after the last 200, and the store's RSS;
// - the six reference queries (p50/p95 of 30 runs after a warm-up) against DuckDB itself running equivalent SQL over
//   a Parquet export of the same index (target: p95 ≤ 300 ms and ≤ 2× DuckDB), and whether both gave the same answer.
// Asserts nothing.  npm run bench:query   (BENCH_SPANS=200000 for a quicker run, BENCH_INGEST_ROUNDS=1 for one ingest each,
// BENCH_KEEP=1 to keep the store's files for profiling: the directory is printed)
import { DuckDBInstance } from '@duckdb/node-api'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_COMPARE_BASELINE_SAMPLE_SPANS } from '../../src/config.js'
import { post, startServer, stopServer, type Body } from '../bench-http.js'
import { peakRssMb, resetPeakRss, rssMb } from '../process-memory.js'
import { makeRealisticBatch } from '../realistic-batch.js'

const TARGET_SPANS = Number(process.env.BENCH_SPANS ?? 1_000_000)
const BATCH_SPANS = 1024
const BATCH_COUNT = Math.ceil(TARGET_SPANS / BATCH_SPANS)
const CLIENTS = 4
/** ingest runs with the index off and on, alternating (BENCH_INGEST_ROUNDS) */
const INGEST_ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? 2)
/** of 10 runs the nearest-rank p95 is the slowest; 30 give it a rank of its own (the 29th) */
const QUERY_RUNS = 30
const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/cli.js')

// Four hours of spans ending a minute ago, in whole minutes, so every query names an absolute range.
const END_MS = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - MINUTE_MS
const FIRST_MS = END_MS - 4 * HOUR_MS
const LAST_HOUR_MS = END_MS - HOUR_MS
const SECOND_SYSTEM: Record<string, string> = {
  'demo-web': 'shop-web',
  'demo-api': 'shop-api',
  'auth-service': 'payments-service',
  'orders-db': 'inventory-db',
}

interface OtlpSpan {
  attributes: { key: string; value: Record<string, unknown> }[]
  endTimeUnixNano: string
  startTimeUnixNano: string
}
interface OtlpRequest {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[]
}

/**
 * Batch `index` of the run: the store bench's realistic batch (4 services, in every other batch a second system of 4),
 * with 5 more attributes so there are 30 keys; app.region leans to the slow spans, so Compare has something to find.
 */
function makeBatch(index: number): Body {
  const startNs = BigInt(FIRST_MS + Math.floor((4 * HOUR_MS * index) / BATCH_COUNT)) * 1_000_000n
  const request = makeRealisticBatch({ spanCount: BATCH_SPANS, startTimeUnixNano: startNs }) as OtlpRequest
  let row = index * BATCH_SPANS
  for (const resourceSpans of request.resourceSpans) {
    const serviceName = resourceSpans.resource.attributes.find((attribute) => attribute.key === 'service.name')!.value
    if (index % 2 === 1) serviceName.stringValue = SECOND_SYSTEM[serviceName.stringValue!] ?? serviceName.stringValue
    for (const scope of resourceSpans.scopeSpans) {
      for (const span of scope.spans) {
        const spread = (row * 2_654_435_761) >>> 0
        const slow = BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano) >= 360_000_000n
        span.attributes.push(
          { key: 'host.name', value: { stringValue: `${serviceName.stringValue}-${spread % 3}` } },
          { key: 'app.result_length', value: { intValue: String(spread % 50) } },
          { key: 'app.region', value: { stringValue: slow && spread % 3 !== 0 ? 'ap-south' : ['eu-west', 'us-east', 'ap-south'][spread % 3]! } },
          { key: 'app.feature_flag', value: { stringValue: spread % 10 === 0 ? 'new-feed' : 'control' } },
          { key: 'enduser.id', value: { stringValue: `user-${spread % 1000}` } },
        )
        row += 1
      }
    }
  }
  return { bytes: Buffer.from(JSON.stringify(request)), contentType: 'application/json' }
}

const range = { start_time: FIRST_MS / 1000, end_time: END_MS / 1000 + 60 }
const lastHour = { start_time: LAST_HOUR_MS / 1000, end_time: END_MS / 1000 + 60 }

type QueryId = 'p95-by-result-length' | 'errors-by-route' | 'heatmap-1h' | 'group-by-3' | 'compare-slowest-5pct' | 'count-by-service-1m'
const QUERY_IDS: QueryId[] = ['p95-by-result-length', 'errors-by-route', 'heatmap-1h', 'group-by-3', 'compare-slowest-5pct', 'count-by-service-1m']
const LABELS: Record<QueryId, string> = {
  'p95-by-result-length': 'P95(duration_ms), COUNT of GET /api/activities/home in demo-api by app.result_length, last hour',
  'errors-by-route': 'COUNT where error = true by http.route, 4 h',
  'heatmap-1h': 'HEATMAP(duration_ms), last hour at 1-minute granularity',
  'group-by-3': 'P95(duration_ms), COUNT by service.name, name, http.route, 4 h',
  'compare-slowest-5pct': 'Compare: spans at or above the P95 duration against the rest, every field, 4 h',
  'count-by-service-1m': 'COUNT by service.name at 1-minute granularity, 4 h',
}

function specOf(id: QueryId, p95Ms: number): { path: string; body: unknown } {
  switch (id) {
    case 'p95-by-result-length':
      return {
        path: '/api/query',
        body: {
          ...lastHour,
          calculations: [{ op: 'P95', column: 'duration_ms' }, { op: 'COUNT' }],
          filters: [
            { column: 'service.name', op: '=', value: 'demo-api' },
            { column: 'name', op: '=', value: 'GET /api/activities/home' },
          ],
          breakdowns: ['app.result_length'],
          orders: [{ column: 'app.result_length' }],
          limit: 1000,
        },
      }
    case 'errors-by-route':
      return { path: '/api/query', body: { ...range, filters: [{ column: 'error', op: '=', value: true }], breakdowns: ['http.route'], limit: 1000 } }
    case 'heatmap-1h':
      return { path: '/api/query', body: { ...lastHour, calculations: [{ op: 'HEATMAP', column: 'duration_ms' }], granularity: 60 } }
    case 'group-by-3':
      return {
        path: '/api/query',
        body: {
          ...range,
          calculations: [{ op: 'P95', column: 'duration_ms' }, { op: 'COUNT' }],
          breakdowns: ['service.name', 'name', 'http.route'],
          orders: [{ op: 'COUNT', order: 'descending' }],
          limit: 1000,
        },
      }
    case 'compare-slowest-5pct':
      return { path: '/api/query/compare', body: { query: range, selection: { filters: [{ column: 'duration_ms', op: '>=', value: p95Ms }] } } }
    case 'count-by-service-1m':
      return { path: '/api/query', body: { ...range, breakdowns: ['service.name'], granularity: 60, limit: 1000 } }
  }
}

/**
 * The same questions in SQL over the Parquet export (`p`: readable column names), doing the work the store's answer
 * holds: the totals and the series at the same granularity (the store's default for the range when none is given).
 * The first statement's rows are what the answers are compared by, for count-by-service-1m the series'.
 */
function referenceSql(id: QueryId, p95Ms: number): string[] {
  const ns = (ms: number) => `${BigInt(ms) * 1_000_000n}`
  const all = `start_ns >= ${ns(range.start_time * 1000)} AND start_ns < ${ns(range.end_time * 1000)}`
  const hour = `start_ns >= ${ns(lastHour.start_time * 1000)} AND start_ns < ${ns(lastHour.end_time * 1000)}`
  const bucket = (fromSec: number, stepSec: number) => `(start_ns - ${ns(fromSec * 1000)}) // ${stepSec * 1_000_000_000}`
  // the store's default granularity: 30 s for the last hour (+1 min), 120 s for the 4 h range
  switch (id) {
    case 'p95-by-result-length': {
      const where = `${hour} AND service = 'demo-api' AND name = 'GET /api/activities/home'`
      return [
        `SELECT "app.result_length" AS g, quantile_disc(duration_ms, 0.95) AS p95, count(*) AS n FROM p WHERE ${where} GROUP BY g ORDER BY g NULLS LAST`,
        `SELECT "app.result_length" AS g, ${bucket(lastHour.start_time, 30)} AS b, quantile_disc(duration_ms, 0.95) AS p95, count(*) AS n FROM p WHERE ${where} GROUP BY g, b`,
      ]
    }
    case 'errors-by-route':
      return [
        `SELECT "http.route" AS g, count(*) AS n FROM p WHERE ${all} AND status_code = 2 GROUP BY g ORDER BY n DESC, g NULLS LAST`,
        `SELECT "http.route" AS g, ${bucket(range.start_time, 120)} AS b, count(*) AS n FROM p WHERE ${all} AND status_code = 2 GROUP BY g, b`,
      ]
    case 'heatmap-1h':
      return [
        `WITH b AS (SELECT min(duration_ms) AS lo, max(duration_ms) AS hi FROM p WHERE ${hour})
        SELECT ${bucket(lastHour.start_time, 60)} AS minute,
          least(49, CAST(floor((duration_ms - lo) / ((hi - lo) / 50)) AS INTEGER)) AS cell, count(*) AS n
        FROM p, b WHERE ${hour} GROUP BY minute, cell ORDER BY minute, cell`,
      ]
    case 'group-by-3':
      return [
        `SELECT service, name, "http.route" AS route, quantile_disc(duration_ms, 0.95) AS p95, count(*) AS n FROM p WHERE ${all}
        GROUP BY service, name, route ORDER BY n DESC, service, name, route NULLS LAST LIMIT 1000`,
        `SELECT service, name, "http.route" AS route, ${bucket(range.start_time, 120)} AS b, quantile_disc(duration_ms, 0.95) AS p95, count(*) AS n
        FROM p WHERE ${all} GROUP BY service, name, route, b`,
      ]
    case 'compare-slowest-5pct':
      // the work a Compare does: both sides' exact sizes, then a histogram per field and side over the selection and
      // the same deterministic sample of the baseline the store reads (about 100,000 spans, by a hash of the row)
      return [
        `SELECT duration_ms >= ${p95Ms} AS sel, count(*) AS n FROM p WHERE ${all} GROUP BY sel ORDER BY sel`,
        `WITH k AS (SELECT round(1e6 * ${COMPARE_SAMPLE_SPANS} / count(*)) AS kept FROM p WHERE ${all} AND duration_ms < ${p95Ms})
        SELECT duration_ms >= ${p95Ms} AS sel, count(*) AS n, ${ATTRIBUTE_COLUMNS.map((column, index) => `histogram("${column}") AS h${index}`).join(', ')}
        FROM p, k WHERE ${all} AND (duration_ms >= ${p95Ms} OR hash(file_row_number) % 1000000 < k.kept) GROUP BY sel ORDER BY sel`,
      ]
    case 'count-by-service-1m':
      return [
        `SELECT service, ${bucket(range.start_time, 60)} AS minute, count(*) AS n FROM p WHERE ${all} GROUP BY service, minute ORDER BY service, minute`,
        `SELECT service, count(*) AS n FROM p WHERE ${all} GROUP BY service ORDER BY n DESC, service`,
      ]
  }
}

let ATTRIBUTE_COLUMNS: string[] = []
/** the store's default compareBaselineSampleSpans */
const COMPARE_SAMPLE_SPANS = DEFAULT_COMPARE_BASELINE_SAMPLE_SPANS

/** The answer reduced to what both sides give, as text: numbers to 6 decimals. */
function canonical(id: QueryId, answer: Record<string, unknown>): string {
  const round = (value: unknown) => (typeof value === 'number' ? Math.round(value * 1e6) / 1e6 : typeof value === 'bigint' ? Number(value) : (value ?? null))
  const data = answer.data as
    | { results: { data: Record<string, unknown> }[]; series: { data: Record<string, unknown> }[]; heatmaps: { cells: { count: number }[] }[] }
    | undefined
  switch (id) {
    case 'p95-by-result-length':
      return JSON.stringify(data!.results.map((row) => [row.data['app.result_length'], round(row.data['P95(duration_ms)']), row.data.COUNT]))
    case 'errors-by-route':
      return JSON.stringify(data!.results.map((row) => [row.data['http.route'], row.data.COUNT]))
    case 'heatmap-1h':
      return JSON.stringify(data!.heatmaps[0]!.cells.map((cell) => cell.count))
    case 'group-by-3':
      return JSON.stringify(
        data!.results.map((row) => [row.data['service.name'], row.data.name, row.data['http.route'], round(row.data['P95(duration_ms)']), row.data.COUNT]),
      )
    case 'compare-slowest-5pct':
      return JSON.stringify([(answer.baseline as { count: number }).count, (answer.selection as { count: number }).count])
    case 'count-by-service-1m':
      return JSON.stringify(
        (data!.series as { time: string; data: Record<string, unknown> }[])
          .map((point) => [String(point.data['service.name']), point.time, point.data.COUNT] as const)
          .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1))
          .map(([service, , count]) => [service, count]),
      )
  }
}

function canonicalRows(id: QueryId, rows: Record<string, unknown>[]): string {
  const round = (value: unknown) => (typeof value === 'number' ? Math.round(value * 1e6) / 1e6 : typeof value === 'bigint' ? Number(value) : (value ?? null))
  switch (id) {
    case 'p95-by-result-length':
      return JSON.stringify(rows.map((row) => [round(row.g), round(row.p95), round(row.n)]))
    case 'errors-by-route':
      return JSON.stringify(rows.map((row) => [row.g ?? null, round(row.n)]))
    case 'heatmap-1h':
      return JSON.stringify(rows.map((row) => round(row.n)))
    case 'group-by-3':
      return JSON.stringify(rows.map((row) => [row.service, row.name, row.route ?? null, round(row.p95), round(row.n)]))
    case 'compare-slowest-5pct':
      return JSON.stringify(rows.map((row) => round(row.n)))
    case 'count-by-service-1m':
      return JSON.stringify(rows.map((row) => [row.service, round(row.n)]))
  }
}

const agent = new http.Agent({ keepAlive: true })

function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const bytes = Buffer.from(JSON.stringify(body))
  const { hostname, port, pathname } = new URL(url)
  return new Promise((resolve, reject) => {
    const request = http.request(
      { hostname, port, path: pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': bytes.length } },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }),
        )
      },
    )
    request.on('error', reject)
    request.end(bytes)
  })
}

async function ask(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await postJson(`${url}${path}`, body)
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`)
  return response.body
}

const nearestRank = (values: number[], quantile: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * quantile) - 1)] ?? NaN

async function timed<T>(run: () => Promise<T>): Promise<{ times: number[]; last: T }> {
  let last = await run()
  const times: number[] = []
  for (let index = 0; index < QUERY_RUNS; index += 1) {
    const startedAt = performance.now()
    last = await run()
    times.push(performance.now() - startedAt)
  }
  return { times, last }
}

interface IngestFigures {
  spansPerSec: number
  peakRssMb: number
  rssAfterMb: number
}

/** Sends every batch with CLIENTS concurrent clients; the time from the first request to the last 200. */
async function ingest(url: string, pid: number): Promise<IngestFigures> {
  let next = 0
  resetPeakRss(pid)
  const startedAt = performance.now()
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let index = next++; index < BATCH_COUNT; index = next++) await post(url, makeBatch(index))
    }),
  )
  const seconds = (performance.now() - startedAt) / 1000
  return { spansPerSec: (BATCH_COUNT * BATCH_SPANS) / seconds, peakRssMb: peakRssMb(pid), rssAfterMb: rssMb(pid) }
}

const fmt = (value: number, digits = 1) => value.toFixed(digits)

/** The round with the median spans/s (the lower middle one of an even count). */
function median(rounds: IngestFigures[]): IngestFigures {
  return [...rounds].sort((a, b) => a.spansPerSec - b.spansPerSec)[Math.floor((rounds.length - 1) / 2)]!
}

async function main(): Promise<void> {
  const directory = mkdtempSync(path.join(tmpdir(), 'spanlight-store-query-bench-'))
  try {
    const serve = (name: string, extra: string[]) =>
      startServer([CLI, '--db', path.join(directory, `${name}.db`), '--port', '0', '--retention-spans', '0', ...extra])
    console.log(`Custom queries on the store: ${BATCH_COUNT * BATCH_SPANS} spans in ${BATCH_COUNT} requests of ${BATCH_SPANS}, ${CLIENTS} clients, over HTTP`)

    // off, on, off, on into new databases: this machine's load changes over a run, and alternating shows how much
    const offRounds: IngestFigures[] = []
    const onRounds: IngestFigures[] = []
    for (let round = 1; round < INGEST_ROUNDS; round += 1) {
      for (const [name, rounds, extra] of [
        [`off-${round}`, offRounds, ['--no-query-index']],
        [`on-${round}`, onRounds, []],
      ] as const) {
        const server = await serve(name, [...extra])
        rounds.push(await ingest(server.url, server.child.pid!))
        await stopServer(server.child)
        rmSync(path.join(directory, `${name}.db`), { force: true })
        rmSync(path.join(directory, `${name}.db.query-index.duckdb`), { force: true })
      }
    }
    const off = await serve('off', ['--no-query-index'])
    offRounds.push(await ingest(off.url, off.child.pid!))
    await stopServer(off.child)
    const ingestOff = median(offRounds)

    const on = await serve('on', [])
    onRounds.push(await ingest(on.url, on.child.pid!))
    const ingestOn = median(onRounds)
    const lastAckAt = performance.now()
    const countAll = async () =>
      Number(((await ask(on.url, '/api/query', range)) as { data: { results: { data: { COUNT: number } }[] } }).data.results[0]!.data.COUNT)
    const total = await countAll()
    const catchUpMs = performance.now() - lastAckAt
    if (total !== BATCH_COUNT * BATCH_SPANS) throw new Error(`the index holds ${total} spans of ${BATCH_COUNT * BATCH_SPANS}`)

    const p95 = (await ask(on.url, '/api/query', { ...range, calculations: [{ op: 'P95', column: 'duration_ms' }] })) as {
      data: { results: { data: Record<string, number> }[] }
    }
    const p95Ms = p95.data.results[0]!.data['P95(duration_ms)']!
    const storeFigures = new Map<QueryId, { times: number[]; answer: string }>()
    resetPeakRss(on.child.pid!)
    for (const id of QUERY_IDS) {
      const { path: route, body } = specOf(id, p95Ms)
      const { times, last } = await timed(() => ask(on.url, route, body))
      storeFigures.set(id, { times, answer: canonical(id, last) })
    }
    const queryPeakRssMb = peakRssMb(on.child.pid!)
    await stopServer(on.child)

    // DuckDB itself over a Parquet export of the index the store built
    const instance = await DuckDBInstance.create(path.join(directory, 'on.db.query-index.duckdb'), { threads: '2', memory_limit: '512MB' })
    const connection = await instance.connect()
    const columns = (
      await connection.runAndReadAll("SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'spans' AND column_name LIKE 'a%'")
    ).getRowObjectsJS() as {
      column_name: string
      comment: string | null
    }[]
    const parquet = path.join(directory, 'spans.parquet')
    await connection.run(`COPY spans TO '${parquet}' (FORMAT parquet, COMPRESSION zstd)`)
    ATTRIBUTE_COLUMNS = columns.map((column) => column.comment ?? column.column_name)
    const renames = columns.map((column) => `${column.column_name} AS "${(column.comment ?? column.column_name).replaceAll('"', '""')}"`).join(', ')
    await connection.run(
      `CREATE TEMP VIEW p AS SELECT * EXCLUDE (${columns.map((column) => column.column_name).join(', ')}), ${renames} FROM read_parquet('${parquet}', file_row_number = true)`,
    )
    const parquetFigures = new Map<QueryId, { times: number[]; answer: string }>()
    for (const id of QUERY_IDS) {
      const statements = referenceSql(id, p95Ms)
      const { times, last } = await timed(async () => {
        const answers: Record<string, unknown>[][] = []
        for (const sql of statements) answers.push((await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[])
        return answers[0]!
      })
      parquetFigures.set(id, { times, answer: canonicalRows(id, last) })
    }
    connection.closeSync()
    instance.closeSync()

    console.log('\nIngest (spans/s from the first request to the last 200; RSS of the store process)')
    const spansPerSec = (rounds: IngestFigures[]) => rounds.map((round) => Math.round(round.spansPerSec)).join(', ')
    console.log(`  rounds, spans/s: off ${spansPerSec(offRounds)}; on ${spansPerSec(onRounds)} (the median of each below)`)
    console.log(
      `  query index off  ${Math.round(ingestOff.spansPerSec)} spans/s, peak RSS ${fmt(ingestOff.peakRssMb)} MB, after ${fmt(ingestOff.rssAfterMb)} MB`,
    )
    console.log(
      `  query index on   ${Math.round(ingestOn.spansPerSec)} spans/s (${fmt((100 * ingestOn.spansPerSec) / ingestOff.spansPerSec, 0)}% of off; target ≥ 80%), peak RSS ${fmt(ingestOn.peakRssMb)} MB, after ${fmt(ingestOn.rssAfterMb)} MB; every span queryable ${fmt(catchUpMs)} ms after the last 200 (last round)`,
    )
    console.log(
      `\nQueries over ${total} spans, ${QUERY_RUNS} runs after a warm-up, ms (store: POST over HTTP; DuckDB: the same question in SQL over Parquet); store RSS peak while querying ${fmt(queryPeakRssMb)} MB`,
    )
    console.log('  query                   store p50  store p95   duckdb/parquet p50  p95   ratio p95  target (≤300 ms, ≤2×)  same answer')
    for (const id of QUERY_IDS) {
      const store = storeFigures.get(id)!
      const reference = parquetFigures.get(id)!
      const storeP95 = nearestRank(store.times, 0.95)
      const referenceP95 = nearestRank(reference.times, 0.95)
      const ratio = storeP95 / referenceP95
      console.log(
        `  ${id.padEnd(22)} ${fmt(nearestRank(store.times, 0.5)).padStart(9)} ${fmt(storeP95).padStart(10)}   ${fmt(nearestRank(reference.times, 0.5)).padStart(18)} ${fmt(referenceP95).padStart(5)} ${fmt(ratio, 2).padStart(10)}  ${(storeP95 <= 300 && ratio <= 2 ? 'met' : 'NOT met').padEnd(22)} ${store.answer === reference.answer ? 'yes' : 'NO'}`,
      )
    }
    for (const id of QUERY_IDS) console.log(`  ${id}: ${LABELS[id]}`)
  } finally {
    if (process.env.BENCH_KEEP === '1') console.log(`\nkept: ${directory}`)
    else rmSync(directory, { recursive: true, force: true })
  }
}

await main()

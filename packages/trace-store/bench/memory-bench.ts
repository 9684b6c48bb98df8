// Memory of the store process (a child process: the bodies are made and held in
// this one) while it ingests Collector-sized batches, and under 8 concurrent
// 19 MiB requests that pass its ingest budget (issue 12, item 6).
import Database from 'better-sqlite3'
import { setTimeout as delay } from 'node:timers/promises'
import path from 'node:path'
import { encodeProtobufRequest } from './encode-protobuf.js'
import { post, postTraces, startServer, stopServer, type Body } from './bench-http.js'
import { makeOneSpanTraces } from './one-span-traces.js'
import { peakRssMb, resetPeakRss, rssMb } from './process-memory.js'
import { makeRealisticBatch } from './realistic-batch.js'

const COLLECTOR_BATCH_TRACES = 8192
const COLLECTOR_BATCHES = 6
const LARGE_REQUEST_TRACES = 56_000
const LARGE_REQUESTS = 8
const WARM_UP_BATCHES = 4
const EXPORTER_TIMEOUT_MS = 10_000

function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n
}

function traceIdPrefix(run: number, index: number): string {
  return ((run << 8) | index).toString(16).padStart(8, '0')
}

function jsonBody(request: unknown): Body {
  return { bytes: Buffer.from(JSON.stringify(request)), contentType: 'application/json' }
}

/** A store process on a new file database, warmed up (workers started, hot code compiled), and its RSS then. */
async function startWarmStore(cli: string, databaseFile: string) {
  const store = await startServer([cli, '--db', databaseFile, '--port', '0', '--retention-spans', '0'])
  for (let index = 0; index < WARM_UP_BATCHES; index += 1) {
    await post(store.url, jsonBody(makeRealisticBatch({ spanCount: 512, startTimeUnixNano: nowNs() - BigInt(index) * 1_000_000_000n })))
  }
  return { ...store, idleMb: rssMb(store.child.pid!) }
}

async function collectorBatches(cli: string, directory: string): Promise<void> {
  const store = await startWarmStore(cli, path.join(directory, 'collector-batches.db'))
  try {
    console.log(
      `\nPeak memory of the store ingesting ${COLLECTOR_BATCH_TRACES.toLocaleString('en')}-trace batches (one span each, the Collector's default batch size), MB`,
    )
    console.log('  encoding  clients  KiB/batch  ms/batch   idle RSS   peak RSS   above idle')
    let run = 1
    for (const encoding of ['json', 'protobuf'] as const) {
      const bodies = Array.from({ length: COLLECTOR_BATCHES }, (_, index) => {
        const request = makeOneSpanTraces(COLLECTOR_BATCH_TRACES, traceIdPrefix(run, index), nowNs() - 60_000_000_000n)
        return encoding === 'json' ? jsonBody(request) : { bytes: encodeProtobufRequest(request), contentType: 'application/x-protobuf' }
      })
      for (const clients of [1, 4]) {
        const idleMb = rssMb(store.child.pid!)
        resetPeakRss(store.child.pid!)
        const startedAt = performance.now()
        let next = 0
        const client = async () => {
          while (next < bodies.length) await post(store.url, bodies[next++]!)
        }
        await Promise.all(Array.from({ length: clients }, client))
        const msPerBatch = (performance.now() - startedAt) / bodies.length
        const peakMb = peakRssMb(store.child.pid!)
        const kib = bodies[0]!.bytes.length / 1024
        console.log(
          `  ${encoding.padEnd(9)} ${String(clients).padStart(7)}  ${kib.toFixed(0).padStart(9)}  ${msPerBatch.toFixed(0).padStart(8)}  ${idleMb.toFixed(0).padStart(9)}  ${peakMb.toFixed(0).padStart(9)}  ${(peakMb - idleMb).toFixed(0).padStart(11)}`,
        )
        // the same bodies again would be duplicates: new trace ids for the next round
        run += 1
        for (const [index, body] of bodies.entries()) {
          const request = makeOneSpanTraces(COLLECTOR_BATCH_TRACES, traceIdPrefix(run, index), nowNs() - 60_000_000_000n)
          bodies[index] = encoding === 'json' ? jsonBody(request) : { ...body, bytes: encodeProtobufRequest(request) }
        }
      }
      run += 1
    }
    console.log(`  (target: at most 100 MB above idle; idle = after ${WARM_UP_BATCHES} warm-up batches)`)
  } finally {
    await stopServer(store.child)
  }
}

interface LargeRequestOutcome {
  /** 503s before the 200 */
  refusals: number
  /** send to 200 of the accepted attempt */
  acceptedMs: number
  /** first send to 200, waits for Retry-After included */
  totalMs: number
}

/** Sends one body until it is acknowledged, honouring Retry-After as an OTLP exporter does. */
async function sendUntilStored(url: string, body: Body): Promise<LargeRequestOutcome> {
  const firstSentAt = performance.now()
  let refusals = 0
  for (;;) {
    const sentAt = performance.now()
    const { status, retryAfterSec } = await postTraces(url, body)
    if (status === 200) return { refusals, acceptedMs: performance.now() - sentAt, totalMs: performance.now() - firstSentAt }
    refusals += 1
    await delay((retryAfterSec ?? 1) * 1000)
  }
}

async function concurrentLargeRequests(cli: string, directory: string): Promise<void> {
  const databaseFile = path.join(directory, 'large-requests.db')
  const store = await startWarmStore(cli, databaseFile)
  try {
    const prefixes = Array.from({ length: LARGE_REQUESTS }, (_, index) => traceIdPrefix(0xff, index))
    const bodies = prefixes.map((prefix) => jsonBody(makeOneSpanTraces(LARGE_REQUEST_TRACES, prefix, nowNs() - 60_000_000_000n)))
    const mib = bodies[0]!.bytes.length / 1024 / 1024
    resetPeakRss(store.child.pid!)
    const outcomes = await Promise.all(bodies.map((body) => sendUntilStored(store.url, body)))
    const peakMb = peakRssMb(store.child.pid!)

    // every acknowledged request's traces, counted in the store's own file (WAL: a reader beside the writer)
    const db = new Database(databaseFile, { readonly: true })
    const countTraces = db.prepare('SELECT count(*) FROM traces WHERE trace_id BETWEEN ? AND ?').pluck()
    const storedCounts = prefixes.map((prefix) => countTraces.get(`${prefix}${'0'.repeat(24)}`, `${prefix}${'f'.repeat(24)}`) as number)
    db.close()

    const refusals = outcomes.reduce((sum, outcome) => sum + outcome.refusals, 0)
    const firstTryRefused = outcomes.filter((outcome) => outcome.refusals > 0).length
    const slowestAcceptedMs = Math.max(...outcomes.map((outcome) => outcome.acceptedMs))
    const slowestTotalMs = Math.max(...outcomes.map((outcome) => outcome.totalMs))
    const allStored = storedCounts.every((count) => count === LARGE_REQUEST_TRACES)
    console.log(
      `\n${LARGE_REQUESTS} concurrent requests of ${LARGE_REQUEST_TRACES.toLocaleString('en')} one-span traces (${mib.toFixed(1)} MiB JSON each), retried after each 503 as exporters do:`,
    )
    console.log(
      `  store RSS: idle ${store.idleMb.toFixed(0)} MB, peak ${peakMb.toFixed(0)} MB (${(peakMb - store.idleMb).toFixed(0)} MB above idle); 503 + Retry-After: ${refusals} (${firstTryRefused} of ${LARGE_REQUESTS} requests refused at first)`,
    )
    console.log(
      `  accepted request, send to 200: slowest ${(slowestAcceptedMs / 1000).toFixed(1)} s (an exporter's timeout: ${EXPORTER_TIMEOUT_MS / 1000} s); all ${LARGE_REQUESTS} stored after ${(slowestTotalMs / 1000).toFixed(1)} s`,
    )
    console.log(
      `  acknowledged traces stored: ${allStored ? 'all' : 'MISSING SOME'} (${storedCounts.reduce((sum, count) => sum + count, 0).toLocaleString('en')} of ${(LARGE_REQUESTS * LARGE_REQUEST_TRACES).toLocaleString('en')})`,
    )
  } finally {
    await stopServer(store.child)
  }
}

export async function printMemoryFigures(cli: string, directory: string): Promise<void> {
  await collectorBatches(cli, directory)
  await concurrentLargeRequests(cli, directory)
}

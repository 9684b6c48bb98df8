// `pnpm bench:store`: ingest throughput next to decode-only speed, memory while
// ingesting, and query latency with 1,000,000 spans stored; then peak memory under
// Collector-sized batches and concurrent 19 MiB requests (memory-bench.ts), and disk
// and rows under retention (retention-bench.ts). Prints figures; asserts nothing.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { agent, post, startServer, stopServer, type Body } from './bench-http.js'
import { encodeProtobufRequest, ExportTraceServiceRequest } from './encode-protobuf.js'
import { printMemoryFigures } from './memory-bench.js'
import { rssMb } from './process-memory.js'
import { printRetentionFigures } from './retention-bench.js'
import { makeRealisticBatch, SPANS_PER_TRACE } from './realistic-batch.js'
import { writeOnlyMsPerBatch } from './write-only.js'

const BATCH_SPANS = 512
const THROUGHPUT_BATCHES = 120
// Batches sent before measuring, so the store's workers have compiled their hot code, as in a store that has been running.
const WARM_UP_BATCHES = 40
const DECODE_ROUNDS = 3
const TARGET_STORED_SPANS = Number(process.env.BENCH_SPANS ?? 1_000_000)
const QUERY_RUNS = 200
const CONCURRENT_CLIENTS = 4
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cli.js')
const HTTP_SINK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'http-sink.js')
const FLOOR_WARM_UP_BATCHES = 10

function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n
}

function makeBodies(count: number, encoding: 'json' | 'protobuf', startNs: bigint): Body[] {
  return Array.from({ length: count }, (_, index) => {
    const request = makeRealisticBatch({ spanCount: BATCH_SPANS, startTimeUnixNano: startNs + BigInt(index) * 50_000_000n })
    return encoding === 'json'
      ? { bytes: Buffer.from(JSON.stringify(request)), contentType: 'application/json' }
      : { bytes: encodeProtobufRequest(request), contentType: 'application/x-protobuf' }
  })
}

function decodeOnlySpansPerSec(bodies: Body[], decode: (bytes: Uint8Array) => unknown): number {
  const startedAt = performance.now()
  for (let round = 0; round < DECODE_ROUNDS; round += 1) for (const body of bodies) decode(body.bytes)
  const seconds = (performance.now() - startedAt) / 1000
  return (bodies.length * DECODE_ROUNDS * BATCH_SPANS) / seconds
}

/** Posts every body with `concurrency` requests in flight, as several exporters would. */
async function ingestSpansPerSec(url: string, bodies: Body[], concurrency: number, storePid: number, memorySamples: number[]): Promise<number> {
  const startedAt = performance.now()
  let next = 0
  const client = async () => {
    while (next < bodies.length) {
      const index = next++
      await post(url, bodies[index]!)
      if (index % 20 === 19) memorySamples.push(rssMb(storePid))
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client))
  return (bodies.length * BATCH_SPANS) / ((performance.now() - startedAt) / 1000)
}

const msPerBatch = (spansPerSec: number) => (BATCH_SPANS * 1000) / spansPerSec

/**
 * What ingest could reach on this machine if validating, encoding and compressing cost nothing: a request
 * must be decoded, received over HTTP (a sink process that only reads the body) and committed (SQLite has
 * one writer, so commits queue however many cores there are). On 2 cores with concurrent clients the best
 * wall time per batch is the larger of the commit and half the CPU time of decode + HTTP + commit.
 */
async function printFloor(bodies: Record<'json' | 'protobuf', Body[]>, decodeOnly: Record<'json' | 'protobuf', number>): Promise<void> {
  const { url, child } = await startServer([HTTP_SINK])
  try {
    console.log(
      `\nFloor, in ms per ${BATCH_SPANS}-span batch (same bodies, this run): the best ratio ingest could reach if validating, encoding and compressing cost nothing`,
    )
    console.log('  encoding  decode only  HTTP only, 1 / 4 clients  commit only  best ratio, 1 client  best ratio, 2 cores')
    for (const encoding of ['json', 'protobuf'] as const) {
      const encodingBodies = bodies[encoding]
      for (const body of encodingBodies.slice(0, FLOOR_WARM_UP_BATCHES)) await post(url, body)
      const [httpSequentialMs, httpConcurrentMs] = [
        msPerBatch(await ingestSpansPerSec(url, encodingBodies, 1, child.pid!, [])),
        msPerBatch(await ingestSpansPerSec(url, encodingBodies, CONCURRENT_CLIENTS, child.pid!, [])),
      ]
      const commitMs = writeOnlyMsPerBatch(
        encoding,
        encodingBodies.map((body) => body.bytes),
        FLOOR_WARM_UP_BATCHES,
      )
      const decodeMs = msPerBatch(decodeOnly[encoding])
      const bestSequential = decodeMs / (decodeMs + httpSequentialMs + commitMs)
      const bestOnTwoCores = decodeMs / Math.max(commitMs, (decodeMs + httpConcurrentMs + commitMs) / 2)
      console.log(
        `  ${encoding.padEnd(9)} ${decodeMs.toFixed(2).padStart(11)}  ${`${httpSequentialMs.toFixed(2)} / ${httpConcurrentMs.toFixed(2)}`.padStart(24)}  ${commitMs.toFixed(2).padStart(11)}  ${bestSequential.toFixed(2).padStart(20)}  ${bestOnTwoCores.toFixed(2).padStart(19)}`,
      )
    }
  } finally {
    await stopServer(child)
  }
}

function percentile(sortedMs: number[], fraction: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor(sortedMs.length * fraction))]!
}

async function latency(label: string, runs: number, makeUrl: (run: number) => string): Promise<void> {
  const timesMs: number[] = []
  let lastCount = 0
  for (let run = 0; run < runs; run += 1) {
    const startedAt = performance.now()
    const response = await fetch(makeUrl(run))
    const body = (await response.json()) as { traces?: unknown[]; spans?: unknown[] }
    timesMs.push(performance.now() - startedAt)
    if (response.status !== 200) throw new Error(`${label}: ${response.status} ${JSON.stringify(body)}`)
    lastCount = body.traces?.length ?? body.spans?.length ?? 0
  }
  timesMs.sort((a, b) => a - b)
  console.log(
    `  ${label.padEnd(44)} p50 ${percentile(timesMs, 0.5).toFixed(2).padStart(7)} ms   p95 ${percentile(timesMs, 0.95).toFixed(2).padStart(7)} ms   (${runs} runs, ${lastCount} results)`,
  )
}

async function main(): Promise<void> {
  const directory = mkdtempSync(path.join(tmpdir(), 'spanlight-bench-'))
  const { url, child } = await startServer([CLI, '--db', path.join(directory, 'bench.db'), '--port', '0', '--retention-spans', '0'])
  let stopped = false
  try {
    console.log(
      `Spanlight trace-store benchmark — Node ${process.version}, batches of ${BATCH_SPANS} spans (${SPANS_PER_TRACE} per trace, 4 services, 10-20 attributes each)\n`,
    )
    const startNs = nowNs() - 3_600_000_000_000n
    const jsonBodies = makeBodies(THROUGHPUT_BATCHES, 'json', startNs)
    const protobufBodies = makeBodies(THROUGHPUT_BATCHES, 'protobuf', startNs + 10_000_000_000n)
    const averageJsonKb = jsonBodies.reduce((sum, body) => sum + body.bytes.length, 0) / jsonBodies.length / 1024
    const averageProtobufKb = protobufBodies.reduce((sum, body) => sum + body.bytes.length, 0) / protobufBodies.length / 1024

    const decodeJson = decodeOnlySpansPerSec(jsonBodies, (bytes) => JSON.parse(Buffer.from(bytes).toString('utf8')))
    const decodeProtobuf = decodeOnlySpansPerSec(protobufBodies, (bytes) => ExportTraceServiceRequest.decode(bytes))
    for (const body of [
      ...makeBodies(WARM_UP_BATCHES / 2, 'json', startNs - 10_000_000_000n),
      ...makeBodies(WARM_UP_BATCHES / 2, 'protobuf', startNs - 5_000_000_000n),
    ]) {
      await post(url, body)
    }
    const memorySamples: number[] = [rssMb(child.pid!)]
    const half = THROUGHPUT_BATCHES / 2
    const ingest = {
      json: [
        await ingestSpansPerSec(url, jsonBodies.slice(0, half), 1, child.pid!, memorySamples),
        await ingestSpansPerSec(url, jsonBodies.slice(half), CONCURRENT_CLIENTS, child.pid!, memorySamples),
      ],
      protobuf: [
        await ingestSpansPerSec(url, protobufBodies.slice(0, half), 1, child.pid!, memorySamples),
        await ingestSpansPerSec(url, protobufBodies.slice(half), CONCURRENT_CLIENTS, child.pid!, memorySamples),
      ],
    }
    const decodeOnly = { json: decodeJson, protobuf: decodeProtobuf }
    const bodyKb = { json: averageJsonKb, protobuf: averageProtobufKb }

    console.log(`Ingest throughput: HTTP POST /v1/traces to the store process (file database, WAL), spans/s`)
    console.log('  encoding  KiB/batch  decode only (1 thread)  ingest, 1 client (ratio)  ingest, ' + CONCURRENT_CLIENTS + ' clients (ratio)')
    for (const encoding of ['json', 'protobuf'] as const) {
      const [sequential, concurrent] = ingest[encoding]
      const ratio = (value: number) => (value / decodeOnly[encoding]).toFixed(2)
      console.log(
        `  ${encoding.padEnd(9)} ${bodyKb[encoding].toFixed(0).padStart(9)}  ${Math.round(decodeOnly[encoding]).toLocaleString('en').padStart(22)}  ${`${Math.round(sequential!).toLocaleString('en')} (${ratio(sequential!)})`.padStart(24)}  ${`${Math.round(concurrent!).toLocaleString('en')} (${ratio(concurrent!)})`.padStart(25)}`,
      )
    }
    console.log(
      `  (decode only = JSON.parse / protobufjs decode of the same bodies in this process; ingest = decode, validate, compress, commit, answer; after ${WARM_UP_BATCHES} warm-up batches)`,
    )
    await printFloor({ json: jsonBodies, protobuf: protobufBodies }, decodeOnly)

    const fillBatches = Math.max(0, Math.ceil((TARGET_STORED_SPANS - (2 * THROUGHPUT_BATCHES + WARM_UP_BATCHES) * BATCH_SPANS) / BATCH_SPANS))
    const fillStartedAt = performance.now()
    for (let index = 0; index < fillBatches; index += 1) {
      const [body] = makeBodies(1, 'json', startNs + 20_000_000_000n + BigInt(index) * 50_000_000n)
      await post(url, body!)
      if (index % 200 === 199) memorySamples.push(rssMb(child.pid!))
    }
    const fillSeconds = (performance.now() - fillStartedAt) / 1000
    const storedSpanCount = (2 * THROUGHPUT_BATCHES + WARM_UP_BATCHES + fillBatches) * BATCH_SPANS
    const quarter = (fraction: number) => memorySamples[Math.min(memorySamples.length - 1, Math.floor((memorySamples.length - 1) * fraction))]!.toFixed(0)
    console.log(
      `\nMemory of the store process while ingesting (RSS in MB at 0 / 25 / 50 / 75 / 100% of the run): ${[0, 0.25, 0.5, 0.75, 1].map(quarter).join(' / ')}`,
    )
    const databaseBytes = ['bench.db', 'bench.db-wal'].reduce(
      (sum, name) => sum + (existsSync(path.join(directory, name)) ? statSync(path.join(directory, name)).size : 0),
      0,
    )
    console.log(`Database on disk: ${(databaseBytes / 1024 / 1024).toFixed(0)} MiB (${(databaseBytes / storedSpanCount).toFixed(0)} bytes per span)`)

    const services = (await (await fetch(`${url}/api/services`)).json()) as { services: string[] }
    const recent = (await (await fetch(`${url}/api/traces?limit=1000`)).json()) as { traces: { traceId: string }[] }
    console.log(
      `\nQuery latency over HTTP with ${storedSpanCount.toLocaleString('en')} spans stored (filled in ${fillSeconds.toFixed(1)} s; services: ${services.services.join(', ')})`,
    )
    const traceIds = recent.traces.map((trace) => trace.traceId)
    await latency('search, newest 20', QUERY_RUNS, () => `${url}/api/traces?limit=20`)
    await latency('search, service=orders-db', QUERY_RUNS, () => `${url}/api/traces?service=orders-db&limit=20`)
    await latency('search, service + span name', QUERY_RUNS, () => `${url}/api/traces?service=demo-api&name=GET%20%2Fapi%2Factivities%2Fhome&limit=20`)
    await latency('search, errorsOnly', QUERY_RUNS, () => `${url}/api/traces?errorsOnly=true&limit=20`)
    await latency('search, minDurationMs=400', QUERY_RUNS, () => `${url}/api/traces?minDurationMs=400&limit=20`)
    await latency('search, attribute app.tenant=tenant-7', QUERY_RUNS, () => `${url}/api/traces?attribute=app.tenant%3Dtenant-7&limit=20`)
    await latency('search, attribute no trace has', 20, () => `${url}/api/traces?attribute=app.tenant%3Dnobody&limit=20`)
    await latency(
      'search, page 2 by cursor',
      QUERY_RUNS,
      () => `${url}/api/traces?limit=20&cursor=${Buffer.from(`${nowNs()}:${traceIds[0]}`).toString('base64url')}`,
    )
    await latency('trace by id (16 spans)', QUERY_RUNS, (run) => `${url}/api/traces/${traceIds[(run * 7) % traceIds.length]}`)
    await stopServer(child)
    stopped = true

    // each in a store process of its own, started fresh
    await printMemoryFigures(CLI, directory)
    await printRetentionFigures(CLI, directory, TARGET_STORED_SPANS)
    console.log(
      '\nTargets: ingest >= 0.5 x decode-only; search p95 < 50 ms and trace-by-id p95 < 10 ms at 1M spans; memory flat; ' +
        'at most 100 MB above idle for 8,192-trace batches; every table bounded under retention.',
    )
  } finally {
    agent.destroy()
    if (!stopped) await stopServer(child)
    rmSync(directory, { recursive: true, force: true })
  }
}

await main()

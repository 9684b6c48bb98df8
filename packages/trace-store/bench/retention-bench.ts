// Disk and rows of a store that keeps 100,000 spans while 1,000,000 arrive, with
// a new span name, resource and scope in every batch, and Rollbar reports beyond
// their limit too: every table must stay bounded (issue 12, item 7).
import Database from 'better-sqlite3'
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { encodeProtobufRequest } from './encode-protobuf.js'
import { post, startServer, stopServer, type Body } from './bench-http.js'
import { makeRealisticBatch } from './realistic-batch.js'

const RETENTION_SPANS = 100_000
const RETENTION_ROLLBAR_OCCURRENCES = 1_000
const BATCH_SPANS = 512
const CLIENTS = 4
const ROLLBAR_REPORTS = 3_000
const ROLLBAR_FINGERPRINTS = 1_500
// The template's texts replaced in each batch by as many characters (so protobuf lengths hold): a span
// name, the resources' service.version and the scope's version, each new per batch.
const PER_BATCH_TEXTS = ['click', '1.4.2', '0.1.0']

// How much later each batch's spans start than the previous batch's, so retention by count deletes whole batches.
const BATCH_INTERVAL_NS = 50_000_000n

/**
 * A 512-span protobuf body whose trace ids, times, one span name, resource and scope are made new per batch by
 * patching bytes in place (found by their values), which costs far less than encoding a new body.
 */
class BatchTemplate {
  private readonly bytes: Buffer
  private readonly traceIdOffsets: number[] = []
  private readonly textOffsets: number[] = []
  private readonly timeOffsets: number[] = []

  constructor(startTimeUnixNano: bigint) {
    const request = makeRealisticBatch({ spanCount: BATCH_SPANS, startTimeUnixNano })
    this.bytes = Buffer.from(encodeProtobufRequest(request))
    const traceIds = new Set(request.resourceSpans.flatMap((resource) => resource.scopeSpans[0]!.spans.map((span) => (span as { traceId: string }).traceId)))
    for (const traceId of traceIds) this.traceIdOffsets.push(...offsetsOf(this.bytes, Buffer.from(traceId, 'hex')))
    for (const text of PER_BATCH_TEXTS) this.textOffsets.push(...offsetsOf(this.bytes, Buffer.from(text)))
    // fixed64 fields, little-endian: span start and end, event times
    const spans = request.resourceSpans.flatMap((resource) => resource.scopeSpans[0]!.spans) as {
      startTimeUnixNano: string
      endTimeUnixNano: string
      events: { timeUnixNano: string }[]
    }[]
    const times = new Set(spans.flatMap((span) => [span.startTimeUnixNano, span.endTimeUnixNano, ...span.events.map((event) => event.timeUnixNano)]))
    for (const time of times) {
      const encoded = Buffer.alloc(8)
      encoded.writeBigUInt64LE(BigInt(time))
      this.timeOffsets.push(...offsetsOf(this.bytes, encoded))
    }
  }

  body(batchIndex: number): Body {
    const bytes = Buffer.from(this.bytes)
    for (const offset of this.traceIdOffsets) bytes.writeUInt32BE(batchIndex, offset)
    const code = batchIndex.toString(36).padStart(5, '0')
    for (const offset of this.textOffsets) bytes.write(code, offset, 'latin1')
    const shiftNs = BigInt(batchIndex) * BATCH_INTERVAL_NS
    for (const offset of this.timeOffsets) bytes.writeBigUInt64LE(this.bytes.readBigUInt64LE(offset) + shiftNs, offset)
    return { bytes, contentType: 'application/x-protobuf' }
  }
}

function offsetsOf(haystack: Buffer, needle: Buffer): number[] {
  const offsets: number[] = []
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) offsets.push(at)
  return offsets
}

async function reportToRollbar(url: string, index: number): Promise<void> {
  const data = { environment: 'bench', level: 'error', uuid: `bench-${index}`, body: { message: { body: `failure number ${index % ROLLBAR_FINGERPRINTS}` } } }
  const response = await fetch(`${url}/api/1/item/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rollbar-access-token': 'bench' },
    body: JSON.stringify({ data }),
  })
  if (response.status !== 200) throw new Error(`Rollbar item answered ${response.status}`)
}

function fileMib(file: string): number {
  return existsSync(file) ? statSync(file).size / 1024 / 1024 : 0
}

export async function printRetentionFigures(cli: string, directory: string, spanCount: number): Promise<void> {
  const databaseFile = path.join(directory, 'retention.db')
  const store = await startServer([
    cli,
    '--db',
    databaseFile,
    '--port',
    '0',
    '--retention-spans',
    String(RETENTION_SPANS),
    '--retention-rollbar',
    String(RETENTION_ROLLBAR_OCCURRENCES),
  ])
  try {
    // the last batch starts about now; retention by age (7 days) deletes nothing here
    const template = new BatchTemplate(BigInt(Date.now()) * 1_000_000n - BigInt(Math.ceil(spanCount / BATCH_SPANS)) * BATCH_INTERVAL_NS)
    const batchCount = Math.ceil(spanCount / BATCH_SPANS)
    const startedAt = performance.now()
    let next = 0
    const client = async () => {
      while (next < batchCount) await post(store.url, template.body(next++))
    }
    await Promise.all(Array.from({ length: CLIENTS }, client))
    for (let index = 0; index < ROLLBAR_REPORTS; index += 1) await reportToRollbar(store.url, index)
    const seconds = (performance.now() - startedAt) / 1000

    const db = new Database(databaseFile, { readonly: true })
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
    const rowCounts = tables.map((table) => `${table} ${(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number).toLocaleString('en')}`)
    const storedSpans = db.prepare('SELECT COALESCE(SUM(span_count), 0) FROM traces').pluck().get() as number
    db.close()
    console.log(
      `\nRetention: ${(batchCount * BATCH_SPANS).toLocaleString('en')} spans sent (${batchCount} batches, each with a new span name, resources and scope) and ${ROLLBAR_REPORTS.toLocaleString('en')} Rollbar reports (${ROLLBAR_FINGERPRINTS.toLocaleString('en')} items) to a store with --retention-spans ${RETENTION_SPANS} --retention-rollbar ${RETENTION_ROLLBAR_OCCURRENCES}, in ${seconds.toFixed(0)} s`,
    )
    console.log(
      `  database file ${fileMib(databaseFile).toFixed(0)} MiB + WAL ${fileMib(`${databaseFile}-wal`).toFixed(0)} MiB; ${storedSpans.toLocaleString('en')} spans stored`,
    )
    console.log(`  rows: ${rowCounts.join(', ')}`)
  } finally {
    await stopServer(store.child)
  }
}

import { describe, expect, it } from 'vitest'
import { encodeBatch } from '../ingest/encode-batch.js'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { openDatabase } from './open-database.js'
import { Retention } from './retention.js'
import { SpanWriter } from './span-writer.js'

const NS_PER_MS = 1_000_000n

function writeTrace(writer: SpanWriter, startMs: number, spanCount: number, serviceName = 'svc', spanName = 'work'): string {
  const traceId = newTraceId()
  const startNs = BigInt(startMs) * NS_PER_MS
  const spans = Array.from({ length: spanCount }, () =>
    makeSpan({ traceId, name: spanName, startTimeUnixNano: startNs.toString(), endTimeUnixNano: (startNs + 5n * NS_PER_MS).toString() }),
  )
  const body = Buffer.from(JSON.stringify(makeRequest(serviceName, spans)))
  writer.writeBatch(encodeBatch('json', body))
  // an exporter's retry: stored once, and counted once
  writer.writeBatch(encodeBatch('json', body))
  return traceId
}

function rowCounts(db: ReturnType<typeof openDatabase>) {
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
  return { operations: count('operations'), resources: count('resources'), scopes: count('scopes') }
}

function storedTraceIds(db: ReturnType<typeof openDatabase>): string[] {
  return db.prepare('SELECT trace_id FROM traces ORDER BY start_ns').pluck().all() as string[]
}

describe('Retention', () => {
  it('deletes whole traces older than the age limit and keeps newer ones', () => {
    const db = openDatabase(':memory:')
    const writer = new SpanWriter(db)
    const nowMs = 1_800_000_000_000
    const old = writeTrace(writer, nowMs - 3 * 3_600_000, 3)
    const recent = writeTrace(writer, nowMs - 60_000, 2)
    const retention = new Retention(db, { maxAgeMs: 3_600_000, maxSpans: 0 })

    expect(retention.prune(nowMs)).toEqual({ deletedTraces: 1, deletedSpans: 3 })
    expect(storedTraceIds(db)).toEqual([recent])
    expect(db.prepare('SELECT count(*) FROM span_chunks WHERE trace_id = ?').pluck().get(old)).toBe(0)
  })

  it('deletes the oldest traces first when over the span limit, down to 90% of it', () => {
    const db = openDatabase(':memory:')
    const writer = new SpanWriter(db)
    const ids = [1000, 2000, 3000, 4000, 5000].map((startMs) => writeTrace(writer, startMs, 4))
    const retention = new Retention(db, { maxAgeMs: 0, maxSpans: 15 })

    expect(retention.spanCount).toBe(20)
    expect(retention.isOverSpanLimit()).toBe(true)
    const result = retention.prune()
    expect(result).toEqual({ deletedTraces: 2, deletedSpans: 8 })
    expect(storedTraceIds(db)).toEqual(ids.slice(2))
    expect(retention.spanCount).toBe(12)
    expect(retention.isOverSpanLimit()).toBe(false)
  })

  it('deletes the operations, resources and scopes no stored span refers to any more, and keeps those still in use', () => {
    const db = openDatabase(':memory:')
    const writer = new SpanWriter(db)
    const operationNames = () => db.prepare('SELECT service_name, span_name FROM operations ORDER BY span_name').raw().all()
    const nowMs = 1_800_000_000_000
    writeTrace(writer, nowMs - 3 * 3_600_000, 3, 'gone-svc', 'gone-op')
    writeTrace(writer, nowMs - 3 * 3_600_000, 2, 'svc', 'old-op')
    writeTrace(writer, nowMs - 60_000, 2, 'svc', 'work')
    expect(rowCounts(db)).toEqual({ operations: 3, resources: 2, scopes: 1 })

    new Retention(db, { maxAgeMs: 3_600_000, maxSpans: 0 }).prune(nowMs)
    expect(operationNames()).toEqual([['svc', 'work']])
    expect(rowCounts(db)).toEqual({ operations: 1, resources: 1, scopes: 1 })

    new Retention(db, { maxAgeMs: 1, maxSpans: 0 }).prune(nowMs)
    expect(rowCounts(db)).toEqual({ operations: 0, resources: 0, scopes: 0 })
  })
})

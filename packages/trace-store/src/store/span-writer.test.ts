import { describe, expect, it } from 'vitest'
import { encodeBatch } from '../ingest/encode-batch.js'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { openDatabase } from './open-database.js'
import { SpanWriter } from './span-writer.js'

function batchOf(spans: unknown[]) {
  return encodeBatch('json', Buffer.from(JSON.stringify(makeRequest('svc', spans))))
}

describe('SpanWriter', () => {
  it('stores a span sent again (an exporter retry) once, keeping the new spans of the same batch', () => {
    const db = openDatabase(':memory:')
    const writer = new SpanWriter(db)
    const traceId = newTraceId()
    const first = makeSpan({ traceId, name: 'first' })
    expect(writer.writeBatch(batchOf([first]))).toBe(1)
    expect(writer.writeBatch(batchOf([first, makeSpan({ traceId, name: 'second' })]))).toBe(1)
    expect(db.prepare('SELECT span_count FROM traces WHERE trace_id = ?').pluck().get(traceId)).toBe(2)
    expect(writer.writeBatch(batchOf([first]))).toBe(0)
  })

  it('refuses a batch whose resource id is taken by other text, and commits none of it', () => {
    const db = openDatabase(':memory:')
    const writer = new SpanWriter(db)
    const batch = batchOf([makeSpan()])
    db.prepare('INSERT INTO resources (id, json, span_count) VALUES (?, ?, 1)').run(batch.resources[0]!.id, '{"attributes":[]}')
    expect(() => writer.writeBatch(batch)).toThrow('is already used by other resource, scope or operation text')
    expect(db.prepare('SELECT count(*) FROM span_chunks').pluck().get()).toBe(0)
  })
})

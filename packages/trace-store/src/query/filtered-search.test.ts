import { describe, expect, it } from 'vitest'
import { encodeBatch } from '../ingest/encode-batch.js'
import { PART_BYTES, PART_COUNT } from '../store/digest-filter.js'
import { openDatabase } from '../store/open-database.js'
import { Retention } from '../store/retention.js'
import { SpanWriter } from '../store/span-writer.js'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { TraceQueries } from './trace-queries.js'
import { decodeCursor } from './trace-search.js'

const TRACE_COUNT = 1800 // one chunk each (ids 1–1800): segments 0 to 7, 256 chunks a segment

/** A store of one-span traces, one batch each; trace i has tenant `tenant-(i % 10)`, and every 600th a rare value (segments 0, 2, 4). */
function storeOfTraces() {
  const db = openDatabase(':memory:')
  const writer = new SpanWriter(db)
  const traceIds: string[] = []
  for (let index = 0; index < TRACE_COUNT; index += 1) {
    const traceId = newTraceId()
    traceIds.push(traceId)
    const attributes = [{ key: 'tenant', value: { stringValue: `tenant-${index % 10}` } }]
    if (index % 600 === 0) attributes.push({ key: 'rare', value: { stringValue: 'needle' } })
    const startTimeUnixNano = String(1_718_000_000_000_000_000n + BigInt(index) * 1_000_000n)
    const span = makeSpan({ traceId, name: `op-${index % 3}`, startTimeUnixNano, endTimeUnixNano: startTimeUnixNano, attributes })
    writer.writeBatch(encodeBatch('json', Buffer.from(JSON.stringify(makeRequest('svc', [span])))))
  }
  return { db, queries: new TraceQueries(db), traceIds }
}

const ids = (page: { traces: { traceId: string }[] }) => page.traces.map((trace) => trace.traceId)

describe('search by attribute with digest filters', () => {
  const { db, queries, traceIds } = storeOfTraces()
  const newestFirst = (indexes: number[]) => indexes.sort((a, b) => b - a).map((index) => traceIds[index])

  it('keeps a filter per 256 chunks, in parts', () => {
    expect(db.prepare('SELECT segment, count(*) AS parts, sum(length(bits)) AS bytes FROM digest_filters GROUP BY segment ORDER BY segment').all()).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((segment) => ({ segment, parts: PART_COUNT, bytes: PART_COUNT * PART_BYTES })),
    )
  })

  it('finds a rare value in every segment that holds it, newest first, and nothing for a value nobody sent', () => {
    expect(ids(queries.search({ attributes: [{ key: 'rare', value: 'needle' }], limit: 20 }))).toEqual(newestFirst([0, 600, 1200]))
    expect(ids(queries.search({ attributes: [{ key: 'rare', value: 'nothing' }], limit: 20 }))).toEqual([])
    expect(
      ids(
        queries.search({
          attributes: [
            { key: 'rare', value: 'needle' },
            { key: 'tenant', value: 'tenant-0' },
          ],
          limit: 20,
        }),
      ),
    ).toEqual(newestFirst([0, 600, 1200]))
    expect(
      ids(
        queries.search({
          attributes: [
            { key: 'rare', value: 'needle' },
            { key: 'tenant', value: 'tenant-1' },
          ],
          limit: 20,
        }),
      ),
    ).toEqual([])
  })

  it('pages a value that many traces hold exactly as before, with the cursor', () => {
    const expected = newestFirst(Array.from({ length: TRACE_COUNT }, (_, index) => index).filter((index) => index % 10 === 3))
    const first = queries.search({ attributes: [{ key: 'tenant', value: 'tenant-3' }], limit: 50 })
    expect(ids(first)).toEqual(expected.slice(0, 50))
    const second = queries.search({ attributes: [{ key: 'tenant', value: 'tenant-3' }], limit: 50, cursor: decodeCursor(first.nextCursor!)! })
    expect(ids(second)).toEqual(expected.slice(50, 100))
  })

  it('reads only the segments whose filter may hold the value', () => {
    // with segment 2's filter emptied, its trace holding the rare value (trace 600) is no longer looked at
    const saved = db.prepare('SELECT part, bits FROM digest_filters WHERE segment = 2').all() as { part: number; bits: Buffer }[]
    db.prepare('UPDATE digest_filters SET bits = ? WHERE segment = 2').run(Buffer.alloc(PART_BYTES))
    try {
      expect(ids(queries.search({ attributes: [{ key: 'rare', value: 'needle' }], limit: 20 }))).toEqual(newestFirst([0, 1200]))
      // a segment whose filter is missing is read whatever it may hold
      db.prepare('DELETE FROM digest_filters WHERE segment = 2').run()
      expect(ids(queries.search({ attributes: [{ key: 'rare', value: 'needle' }], limit: 20 }))).toEqual(newestFirst([0, 600, 1200]))
    } finally {
      const restore = db.prepare('INSERT OR REPLACE INTO digest_filters (part, segment, bits) VALUES (?, 2, ?)')
      for (const { part, bits } of saved) restore.run(part, bits)
    }
  })

  it('drops the filters of segments that pruning emptied', () => {
    const { db: prunedDb, queries: prunedQueries, traceIds: prunedIds } = storeOfTraces()
    // keeps the newest 630 traces (a low-water mark of 90%): ids 1171–1800, segments 4 to 7
    new Retention(prunedDb, { maxAgeMs: 0, maxSpans: 700 }).prune()
    expect(prunedDb.prepare('SELECT DISTINCT segment FROM digest_filters ORDER BY segment').pluck().all()).toEqual([4, 5, 6, 7])
    expect(ids(prunedQueries.search({ attributes: [{ key: 'rare', value: 'needle' }], limit: 20 }))).toEqual([prunedIds[1200]])
  })
})

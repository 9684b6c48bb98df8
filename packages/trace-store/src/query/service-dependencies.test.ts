import { describe, expect, it } from 'vitest'
import { makeRequest, makeSpan, newSpanId, newTraceId } from '../../test-support/otlp-builders.js'
import { encodeBatch } from '../ingest/encode-batch.js'
import { IN_MEMORY, openDatabase } from '../store/open-database.js'
import { SpanWriter } from '../store/span-writer.js'
import { ServiceDependencies } from './service-dependencies.js'

describe('ServiceDependencies', () => {
  it('reads the newest traces of the range up to its limit and says it stopped', () => {
    const db = openDatabase(IN_MEMORY)
    const writer = new SpanWriter(db)
    for (const startMs of [1_000, 2_000, 3_000]) {
      const traceId = newTraceId()
      const parent = newSpanId()
      const spans = [
        makeRequest(`web-${startMs}`, [makeSpan({ traceId, spanId: parent, startTimeUnixNano: `${startMs}000000`, endTimeUnixNano: `${startMs + 1}000000` })]),
        makeRequest('api', [makeSpan({ traceId, parentSpanId: parent, startTimeUnixNano: `${startMs}000000`, endTimeUnixNano: `${startMs + 1}000000` })]),
      ]
      for (const request of spans) writer.writeBatch(encodeBatch('json', Buffer.from(JSON.stringify(request))))
    }
    const view = new ServiceDependencies(db).between(0, 10_000, 2)
    expect(view).toMatchObject({ traceCount: 2, truncated: true })
    expect(view.dependencies.map((edge) => edge.parent).sort()).toEqual(['web-2000', 'web-3000'])
    db.close()
  })
})

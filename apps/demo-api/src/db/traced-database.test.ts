import { SpanStatusCode, trace } from '@opentelemetry/api'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from './open-database.js'
import type { TracedDatabase } from './traced-database.js'

describe('TracedDatabase', () => {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
  let db: TracedDatabase

  beforeAll(() => {
    trace.setGlobalTracerProvider(provider)
    db = openDatabase(':memory:')
  })

  afterAll(async () => {
    db.close()
    trace.disable()
    await provider.shutdown()
  })

  beforeEach(() => exporter.reset())

  it('records one CLIENT span per statement with the database semantic-convention attributes', () => {
    const rows = db.all({ operation: 'SELECT', collection: 'users', sql: 'SELECT handle FROM users ORDER BY handle' })
    const [span] = exporter.getFinishedSpans()
    expect(span?.name).toBe('SELECT users')
    expect(span?.attributes).toEqual({
      'db.system.name': 'sqlite',
      'db.namespace': 'main',
      'db.operation.name': 'SELECT',
      'db.collection.name': 'users',
      'db.query.text': 'SELECT handle FROM users ORDER BY handle',
      'db.response.returned_rows': rows.length,
    })
  })

  it('records a failing statement as an error with its type and the exception', () => {
    expect(() => db.run({ operation: 'INSERT', collection: 'users', sql: 'INSERT INTO users (uuid) VALUES (NULL)' })).toThrow()
    const [span] = exporter.getFinishedSpans()
    expect(span?.status.code).toBe(SpanStatusCode.ERROR)
    expect(span?.attributes['error.type']).toMatch(/^SQLITE_/)
    expect(span?.events.map((event) => event.name)).toEqual(['exception'])
  })
})

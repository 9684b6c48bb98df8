import Database from 'better-sqlite3'
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../store/open-database.js'
import { occurrenceLinks } from './occurrence-links.js'
import { RollbarStore } from './rollbar-store.js'

const TRACE_ID = '5b8efff798038103d269b633813fc60c'
const SPAN_ID = 'eee19b7ec3c1b174'

// The Rollbar tables as schema version 7 wrote them (git history of store/schema.ts).
const VERSION_7_ROLLBAR_TABLES = `
CREATE TABLE rollbar_items (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, title TEXT NOT NULL, level TEXT NOT NULL,
  status TEXT NOT NULL, environment TEXT NOT NULL, framework TEXT NOT NULL, platform TEXT NOT NULL, language TEXT NOT NULL,
  total_occurrences INTEGER NOT NULL, first_occurrence_id INTEGER NOT NULL, first_occurrence_timestamp INTEGER NOT NULL,
  last_occurrence_id INTEGER NOT NULL, last_occurrence_timestamp INTEGER NOT NULL, last_activated_timestamp INTEGER NOT NULL);
CREATE TABLE rollbar_occurrences (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, uuid TEXT NOT NULL UNIQUE, timestamp INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX rollbar_occurrences_by_item ON rollbar_occurrences (item_id, id DESC);
CREATE INDEX rollbar_occurrences_by_timestamp ON rollbar_occurrences (timestamp);
`

describe('occurrenceLinks', () => {
  it('reads custom ids first, in lower case, then the last attribute with the key', () => {
    expect(occurrenceLinks({ custom: { trace_id: TRACE_ID.toUpperCase(), span_id: SPAN_ID, session_id: 'Sess-1' } })).toEqual({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      sessionId: 'Sess-1',
    })
    const attributes = [
      { key: 'trace_id', value: 'a'.repeat(32) },
      { key: 'trace_id', value: TRACE_ID },
      { key: 'span_id', value: SPAN_ID },
      { key: 'session_id', value: 's-2' },
    ]
    expect(occurrenceLinks({ custom: { trace_id: 'not-hex', span_id: 12 }, attributes })).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, sessionId: 's-2' })
  })

  it('ignores what is not an id: wrong length, not hex, all zeros, not a string, a session id with spaces', () => {
    for (const traceId of ['abc', `${TRACE_ID}0`, 'g'.repeat(32), '0'.repeat(32), 42, { id: TRACE_ID }]) {
      expect(occurrenceLinks({ custom: { trace_id: traceId, session_id: 'has space' } })).toEqual({ traceId: null, spanId: null, sessionId: null })
    }
    expect(occurrenceLinks(null)).toEqual({ traceId: null, spanId: null, sessionId: null })
  })
})

describe('upgrading a version 7 database', () => {
  const idText = fc.oneof(
    fc.constantFrom(TRACE_ID, TRACE_ID.toUpperCase(), SPAN_ID, SPAN_ID.toUpperCase(), '0'.repeat(32), '0'.repeat(16), 'session-1', 'has space', ''),
    fc.stringMatching(/^[0-9a-fA-F]{16}$|^[0-9a-fA-F]{32}$/),
    fc.string({ maxLength: 40 }),
  )
  const idValue = fc.oneof(idText, fc.integer(), fc.constant(null), fc.constant({ nested: TRACE_ID }))
  const linkKey = fc.constantFrom('trace_id', 'span_id', 'session_id', 'other')
  const custom = fc.option(fc.dictionary(linkKey, idValue), { nil: undefined })
  const attribute = fc.oneof(fc.record({ key: linkKey, value: idValue }), fc.constant('trace_id'), fc.record({ key: fc.integer(), value: idText }))
  const attributes = fc.option(
    fc.oneof(fc.array(attribute, { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.record({ key: linkKey, value: idText }))),
    {
      nil: undefined,
    },
  )
  const payload = fc.record({ custom, attributes }, { requiredKeys: [] })

  it('fills the new columns from stored payloads by the same rules as new occurrences, then serves them', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'spanlight-upgrade-'))
    try {
      fc.assert(
        fc.property(fc.array(payload, { minLength: 1, maxLength: 30 }), (payloads) => {
          const file = path.join(directory, `store-${Math.random().toString(36).slice(2)}.db`)
          const old = new Database(file)
          old.exec(VERSION_7_ROLLBAR_TABLES)
          old
            .prepare(
              `INSERT INTO rollbar_items VALUES (1, 'fp', 'cart is undefined', 'error', 'resolved', 'test', 'unknown', 'unknown', 'unknown', ?, 1, 100, ?, 200, 100)`,
            )
            .run(payloads.length, payloads.length)
          const insert = old.prepare('INSERT INTO rollbar_occurrences (item_id, uuid, timestamp, data) VALUES (1, ?, 150, ?)')
          payloads.forEach((data, index) => insert.run(`uuid-${index}`, JSON.stringify({ ...data, body: { message: { body: 'x' } } })))
          old.pragma('user_version = 7')
          old.close()

          const db = openDatabase(file)
          try {
            const rows = db.prepare('SELECT data, trace_id, span_id, session_id FROM rollbar_occurrences ORDER BY id').all() as {
              data: string
              trace_id: string | null
              span_id: string | null
              session_id: string | null
            }[]
            for (const row of rows) {
              expect({ traceId: row.trace_id, spanId: row.span_id, sessionId: row.session_id }, row.data).toEqual(occurrenceLinks(JSON.parse(row.data)))
            }
            const item = new RollbarStore(db).item(1)
            expect(item).toMatchObject({ status: 'resolved', last_resolved_timestamp: null, total_occurrences: payloads.length })
          } finally {
            db.close()
          }
        }),
        { numRuns: 40 },
      )
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})

import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../store/open-database.js'
import { occurrenceFacts } from './occurrence-facts.js'
import { RollbarStore } from './rollbar-store.js'
import { buildRqlStatement, RqlExecutor } from './rql-executor.js'
import { parseRqlQuery, type RqlQuery } from './rql-query.js'

function query(text: string): RqlQuery {
  const result = parseRqlQuery(text)
  if (!result.ok) throw new Error(result.error)
  return result.query
}

const TRACE_ID = '5b8efff798038103d269b633813fc60c'

describe('RQL executor', () => {
  const db = openDatabase(':memory:')
  const rollbar = new RollbarStore(db)
  afterAll(() => db.close())

  function report(message: string, uuid: string, timestampSec: number, custom: Record<string, string>) {
    const data = { uuid, timestamp: timestampSec, environment: 'test', body: { message: { body: message } }, custom }
    const facts = occurrenceFacts(data, 1_800_000_000)
    if (typeof facts === 'string') throw new Error(facts)
    return rollbar.record(facts, data)
  }
  const first = report('cart is slow', 'u-1', 1_700_000_300, { trace_id: TRACE_ID, span_id: 'eee19b7ec3c1b174', session_id: 's-1' })
  report('cart is slow', 'u-2', 1_700_000_100, { trace_id: TRACE_ID, session_id: 's-2' })
  report('checkout failed', 'u-3', 1_700_000_200, { trace_id: 'f'.repeat(32), session_id: 's-1' })
  const executor = new RqlExecutor(db)

  it('answers the selected columns in order, item fields from the occurrence’s item', () => {
    const rows = executor.run(
      query(
        `SELECT uuid, item.title, item.status, custom.trace_id, custom.span_id, occurrence_id, item.id, item.counter FROM item_occurrence WHERE custom.trace_id = '${TRACE_ID}' ORDER BY timestamp DESC`,
      ),
    )
    expect(rows).toEqual([
      ['u-1', 'cart is slow', 'active', TRACE_ID, 'eee19b7ec3c1b174', first.occurrenceId, first.itemId, first.itemId],
      ['u-2', 'cart is slow', 'active', TRACE_ID, null, first.occurrenceId + 1, first.itemId, first.itemId],
    ])
  })

  it('holds every condition, orders by timestamp and stops at the limit', () => {
    const uuids = (text: string) => executor.run(query(text)).map((row) => row[0])
    expect(uuids("SELECT uuid FROM item_occurrence WHERE custom.session_id = 's-1' ORDER BY timestamp ASC")).toEqual(['u-3', 'u-1'])
    expect(uuids(`SELECT uuid FROM item_occurrence WHERE custom.session_id IN ('s-1', 's-2') AND custom.trace_id = '${TRACE_ID}' ORDER BY timestamp`)).toEqual([
      'u-2',
      'u-1',
    ])
    expect(uuids('SELECT uuid FROM item_occurrence WHERE timestamp > 1700000100 AND timestamp <= 1700000300 ORDER BY timestamp')).toEqual(['u-3', 'u-1'])
    expect(uuids(`SELECT uuid FROM item_occurrence WHERE item.id = ${first.itemId}`)).toEqual(['u-2', 'u-1'])
    expect(uuids('SELECT uuid FROM item_occurrence LIMIT 1')).toEqual(['u-3'])
    expect(uuids("SELECT uuid FROM item_occurrence WHERE custom.span_id = 'EEE19B7EC3C1B174'")).toEqual(['u-1'])
  })

  it('finds occurrences by trace, span, session id and uuid through their indexes, not by reading rows', () => {
    const plans: [string, string][] = [
      [`custom.trace_id = '${TRACE_ID}'`, 'rollbar_occurrences_by_trace_id'],
      ["custom.span_id IN ('eee19b7ec3c1b174', 'aaaaaaaaaaaaaaaa')", 'rollbar_occurrences_by_span_id'],
      ["custom.session_id = 's-1'", 'rollbar_occurrences_by_session_id'],
      ["uuid IN ('u-1', 'u1')", 'sqlite_autoindex_rollbar_occurrences_1'],
    ]
    for (const [condition, index] of plans) {
      for (const order of ['ORDER BY timestamp ASC', 'ORDER BY timestamp DESC', '']) {
        const { sql, params } = buildRqlStatement(query(`SELECT * FROM item_occurrence WHERE ${condition} ${order} LIMIT 1000`))
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((step) => step.detail)
        const occurrenceStep = plan.find((detail) => detail.startsWith('SEARCH o ') || detail.startsWith('SCAN o'))
        expect(occurrenceStep, `${condition} ${order}: ${plan.join(' | ')}`).toContain(`USING INDEX ${index}`)
      }
    }
  })

  it('binds every value as a parameter: no value ever becomes SQL text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (value) => {
        const marker = `zq${value}`
        const quoted = `'${marker.replace(/'/g, "''")}'`
        const { sql, params } = buildRqlStatement(query(`SELECT uuid FROM item_occurrence WHERE uuid = ${quoted} AND custom.session_id IN (${quoted})`))
        expect(sql).not.toContain('zq')
        expect(params).toEqual([marker, marker, 1000])
        expect(executor.run(query(`SELECT uuid FROM item_occurrence WHERE uuid = ${quoted}`))).toEqual([])
      }),
    )
  })
})

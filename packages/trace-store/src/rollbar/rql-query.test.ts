import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_RQL_LIMIT, parseRqlQuery, RQL_COLUMNS, type RqlQuery } from './rql-query.js'

const TRACE_ID = '2ea75461946a7dd10f2c15ab36a076cb'
const DASHBOARD_COLUMNS = 'item.id, item.counter, item.title, item.level, occurrence_id, uuid, timestamp, custom.trace_id, custom.span_id'

/** Quotes a value as an RQL string literal: single quotes, a quote inside doubled. */
function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

function parsed(text: string): RqlQuery {
  const result = parseRqlQuery(text)
  if (!result.ok) throw new Error(`expected ${text} to parse, got: ${result.error}`)
  return result.query
}

function failure(text: string): string {
  const result = parseRqlQuery(text)
  if (result.ok) throw new Error(`expected ${text} to be refused`)
  return result.error
}

describe('parseRqlQuery', () => {
  it('parses the query the dashboard sends for a trace', () => {
    const query = parsed(`SELECT ${DASHBOARD_COLUMNS} FROM item_occurrence WHERE custom.trace_id = '${TRACE_ID}' ORDER BY timestamp ASC LIMIT 1000`)
    expect(query).toEqual({
      selection: DASHBOARD_COLUMNS.split(', '),
      columns: DASHBOARD_COLUMNS.split(', '),
      conditions: [{ kind: 'text', column: 'custom.trace_id', values: [TRACE_ID] }],
      order: 'asc',
      limit: 1000,
    })
  })

  it('reads keywords in any case, IN lists, item ids with or without quotes, and timestamp bounds', () => {
    const query = parsed(
      "select uuid from item_occurrence where uuid in ('a-b', 'ab') and item.id IN (12, '13') and timestamp >= 1718000000 And timestamp < 1718003600 order by timestamp desc limit 1;",
    )
    expect(query.conditions).toEqual([
      { kind: 'text', column: 'uuid', values: ['a-b', 'ab'] },
      { kind: 'item', itemIds: [12, 13] },
      { kind: 'timestamp', operator: '>=', valueSec: 1718000000 },
      { kind: 'timestamp', operator: '<', valueSec: 1718003600 },
    ])
    expect(query).toMatchObject({ order: 'desc', limit: 1 })
  })

  it('defaults to the newest first and at most 1000 rows, and expands * to every column', () => {
    const query = parsed('SELECT * FROM item_occurrence')
    expect(query).toMatchObject({ selection: ['*'], columns: [...RQL_COLUMNS], conditions: [], order: null, limit: MAX_RQL_LIMIT })
    expect(parsed('SELECT uuid FROM item_occurrence ORDER BY timestamp').order).toBe('asc')
  })

  it('compares trace and span ids in lower case, as they are stored, and session ids as written', () => {
    const query = parsed(
      `SELECT uuid FROM item_occurrence WHERE custom.trace_id = '${TRACE_ID.toUpperCase()}' AND custom.span_id = 'EEE19B7EC3C1B174' AND custom.session_id = 'AbC'`,
    )
    expect(query.conditions).toEqual([
      { kind: 'text', column: 'custom.trace_id', values: [TRACE_ID] },
      { kind: 'text', column: 'custom.span_id', values: ['eee19b7ec3c1b174'] },
      { kind: 'text', column: 'custom.session_id', values: ['AbC'] },
    ])
  })

  it('reads any string literal back exactly, quotes and SQL included', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (value) => {
        const query = parsed(`SELECT uuid FROM item_occurrence WHERE custom.session_id = ${quote(value)}`)
        expect(query.conditions).toEqual([{ kind: 'text', column: 'custom.session_id', values: [value] }])
      }),
    )
  })

  it('keeps injection attempts inside the literal or refuses them', () => {
    // quoted properly, the attempt is just a value to look for
    expect(parsed(`SELECT uuid FROM item_occurrence WHERE uuid = ${quote("' OR 1=1 --")}`).conditions).toEqual([
      { kind: 'text', column: 'uuid', values: ["' OR 1=1 --"] },
    ])
    // pasted in unquoted, it closes the literal and what follows is outside the subset
    expect(failure("SELECT uuid FROM item_occurrence WHERE uuid = '' OR 1=1 --'")).toBe("unexpected character '-' at character 57")
    expect(failure("SELECT uuid FROM item_occurrence WHERE uuid = '' OR 1=1")).toBe(
      'OR is not supported (at character 50); combine conditions with AND, or list values with IN',
    )
    expect(failure("SELECT uuid FROM item_occurrence WHERE uuid = 'x'; DROP TABLE rollbar_items")).toBe(
      "unexpected 'DROP' at character 52; expected AND, ORDER BY, LIMIT or the end of the query",
    )
    expect(failure("SELECT uuid FROM item_occurrence WHERE uuid = 'x' -- comment")).toBe("unexpected character '-' at character 51")
    expect(failure("SELECT uuid FROM item_occurrence WHERE uuid = 'x' UNION SELECT data FROM rollbar_occurrences")).toBe(
      'UNION is not supported (at character 51)',
    )
    expect(failure('SELECT uuid FROM item_occurrence WHERE uuid = x')).toBe("uuid is compared with quoted strings ('...'), found 'x' at character 47")
  })

  it('names what is outside the subset', () => {
    const cases: [string, string][] = [
      ['SELECT count(*) FROM item_occurrence', 'functions such as count() are not supported (at character 8)'],
      ['SELECT body FROM item_occurrence', "unsupported column 'body' at character 8; supported: " + RQL_COLUMNS.join(', ')],
      ['SELECT uuid FROM deploy', "only the item_occurrence table can be queried, found 'deploy' at character 18"],
      ['SELECT uuid FROM item_occurrence GROUP BY item.id', 'GROUP BY is not supported (at character 34)'],
      [
        "SELECT uuid FROM item_occurrence WHERE item.title = 'x'",
        'conditions on item.title (at character 40) are not supported; filter on custom.trace_id, custom.span_id, custom.session_id, uuid, item.id, item.counter, timestamp',
      ],
      ["SELECT uuid FROM item_occurrence WHERE custom.trace_id != 'x'", "custom.trace_id can only be compared with = or IN, found '!=' at character 56"],
      ["SELECT uuid FROM item_occurrence WHERE custom.trace_id LIKE 'x%'", 'LIKE is not supported (at character 56)'],
      ["SELECT uuid FROM item_occurrence WHERE NOT uuid = 'x'", 'NOT is not supported (at character 40)'],
      [
        "SELECT uuid FROM item_occurrence WHERE timestamp >= '2024-01-01'",
        "timestamp (unix seconds) is compared with a whole number, found string '2024-01-01' at character 53",
      ],
      ["SELECT uuid FROM item_occurrence WHERE item.id = 'abc'", "item.id is compared with whole numbers, found string 'abc' at character 50"],
      ['SELECT uuid FROM item_occurrence ORDER BY item.id', "only ORDER BY timestamp is supported, found 'item.id' at character 43"],
      [
        `SELECT uuid FROM item_occurrence LIMIT ${MAX_RQL_LIMIT + 1}`,
        `LIMIT must be a whole number from 1 to ${MAX_RQL_LIMIT}, found '${MAX_RQL_LIMIT + 1}' at character 40`,
      ],
      ['SELECT uuid FROM item_occurrence LIMIT 0', `LIMIT must be a whole number from 1 to ${MAX_RQL_LIMIT}, found '0' at character 40`],
      ['SELECT uuid FROM item_occurrence LIMIT 10 OFFSET 5', 'OFFSET is not supported (at character 43)'],
      ["SELECT uuid FROM item_occurrence WHERE uuid = 'x", 'unterminated string literal starting at character 47'],
      ["SELECT uuid FROM item_occurrence WHERE uuid IN ('a' 'b')", "expected , or ) in the IN list, found string 'b' at character 53"],
      ['SELECT uuid', 'expected FROM after the selected columns, found the end of the query'],
      ['DELETE FROM item_occurrence', "expected SELECT at the start of the query, found 'DELETE' at character 1"],
      ['', 'expected SELECT at the start of the query, found the end of the query'],
      ['SELECT uuid FROM item_occurrence WHERE `uuid` = 1', "unexpected character '`' at character 40"],
    ]
    for (const [text, message] of cases) expect(failure(text), text).toBe(message)
  })

  it('refuses oversized queries and IN lists', () => {
    expect(failure(`SELECT uuid FROM item_occurrence WHERE uuid = '${'x'.repeat(10_000)}'`)).toBe('the query is longer than 10000 characters')
    const values = Array.from({ length: 1001 }, (_, index) => `'${index}'`).join(',')
    expect(failure(`SELECT uuid FROM item_occurrence WHERE uuid IN (${values})`)).toBe('IN lists take at most 1000 values')
  })

  it('answers any text with a query or a message, never an exception', () => {
    const pieces = fc.constantFrom(
      'SELECT',
      'FROM',
      'WHERE',
      'AND',
      'OR',
      'IN',
      'ORDER',
      'BY',
      'LIMIT',
      'item_occurrence',
      'uuid',
      'timestamp',
      '*',
      ',',
      '(',
      ')',
      '=',
      '>=',
      "'",
      "''",
      '1',
      '--',
      ';',
      ' ',
    )
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 5 })), { maxLength: 30 }), (parts) => {
        const result = parseRqlQuery(parts.join(' '))
        if (!result.ok) expect(result.error.length).toBeGreaterThan(0)
      }),
    )
  })
})

/**
 * The subset of Rollbar Query Language the store answers (the README's "RQL subset" has the grammar):
 *
 *   SELECT <column>[, <column>]... | * FROM item_occurrence
 *   [WHERE <condition> [AND <condition>]...] [ORDER BY timestamp [ASC|DESC]] [LIMIT <n>] [;]
 *
 * Parsed into a small AST; anything outside the subset is an error that names what is unsupported, which the job
 * reports as Rollbar reports a bad query (status "failed"). Values never become SQL text (see rql-executor.ts).
 */

/** Columns of `item_occurrence` that can be selected, in the order `SELECT *` returns them. */
export const RQL_COLUMNS = [
  'occurrence_id',
  'timestamp',
  'uuid',
  'item.id',
  'item.counter',
  'item.title',
  'item.level',
  'item.status',
  'item.environment',
  'custom.trace_id',
  'custom.span_id',
  'custom.session_id',
] as const
export type RqlColumn = (typeof RQL_COLUMNS)[number]

/** Columns compared with string literals, answered from an index. */
export const RQL_TEXT_MATCH_COLUMNS = ['custom.trace_id', 'custom.span_id', 'custom.session_id', 'uuid'] as const
export type RqlTextMatchColumn = (typeof RQL_TEXT_MATCH_COLUMNS)[number]
const ITEM_ID_COLUMNS = ['item.id', 'item.counter']
const TIMESTAMP_OPERATORS = ['=', '>', '>=', '<', '<='] as const
export type RqlTimestampOperator = (typeof TIMESTAMP_OPERATORS)[number]

export type RqlCondition =
  /** the column equals one of the values (`=` is IN with one value) */
  | { kind: 'text'; column: RqlTextMatchColumn; values: string[] }
  | { kind: 'item'; itemIds: number[] }
  | { kind: 'timestamp'; operator: RqlTimestampOperator; valueSec: number }

export interface RqlQuery {
  /** the selection as written (`['*']` for a star), for the result's `selectionColumns` */
  selection: string[]
  /** the result's columns, in order */
  columns: RqlColumn[]
  /** all must hold */
  conditions: RqlCondition[]
  /** ORDER BY timestamp; null: newest received first */
  order: 'asc' | 'desc' | null
  limit: number
}

export type RqlParseResult = { ok: true; query: RqlQuery } | { ok: false; error: string }

/** Rollbar caps RQL results at 1000 rows as well; the default when there is no LIMIT. */
export const MAX_RQL_LIMIT = 1000
export const MAX_RQL_QUERY_LENGTH = 10_000
export const MAX_RQL_IN_VALUES = 1000
const TABLE = 'item_occurrence'
const UNSUPPORTED_KEYWORDS = new Set(['or', 'not', 'like', 'between', 'is', 'group', 'having', 'join', 'union', 'offset', 'distinct', 'as'])

type Token =
  | { kind: 'word'; text: string; position: number }
  | { kind: 'string'; value: string; position: number }
  | { kind: 'number'; text: string; position: number }
  | { kind: 'symbol'; text: string; position: number }
  | { kind: 'end'; position: number }

class RqlSyntaxError extends Error {}

const SYMBOLS = ['>=', '<=', '!=', '<>', '=', '<', '>', '(', ')', ',', '*', ';']
const WORD_PATTERN = /[A-Za-z_][A-Za-z0-9_.]*/y
const NUMBER_PATTERN = /\d+(\.\d+)?/y

/** The match of a sticky pattern at `index`, or null. */
function matchAt(pattern: RegExp, text: string, index: number): string | null {
  pattern.lastIndex = index
  return pattern.exec(text)?.[0] ?? null
}

/** Splits a query into tokens; positions are 1-based character numbers for messages. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let index = 0
  while (index < text.length) {
    const char = text[index]!
    if (/\s/.test(char)) {
      index += 1
      continue
    }
    const position = index + 1
    const word = matchAt(WORD_PATTERN, text, index)
    if (word) {
      tokens.push({ kind: 'word', text: word, position })
      index += word.length
      continue
    }
    const number = matchAt(NUMBER_PATTERN, text, index)
    if (number) {
      tokens.push({ kind: 'number', text: number, position })
      index += number.length
      continue
    }
    if (char === "'") {
      let value = ''
      let end = index + 1
      for (;;) {
        if (end >= text.length) throw new RqlSyntaxError(`unterminated string literal starting at character ${position}`)
        if (text[end] === "'") {
          if (text[end + 1] === "'") {
            value += "'"
            end += 2
            continue
          }
          break
        }
        value += text[end]
        end += 1
      }
      tokens.push({ kind: 'string', value, position })
      index = end + 1
      continue
    }
    const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, index))
    if (symbol) {
      tokens.push({ kind: 'symbol', text: symbol, position })
      index += symbol.length
      continue
    }
    throw new RqlSyntaxError(`unexpected character '${char}' at character ${position}`)
  }
  tokens.push({ kind: 'end', position: text.length + 1 })
  return tokens
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the query'
    case 'string':
      return `string '${token.value.slice(0, 40)}' at character ${token.position}`
    default:
      return `'${token.text}' at character ${token.position}`
  }
}

class Parser {
  private index = 0
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index]!
  }

  private next(): Token {
    const token = this.tokens[this.index]!
    if (token.kind !== 'end') this.index += 1
    return token
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === keyword
  }

  private acceptKeyword(keyword: string): boolean {
    if (!this.isKeyword(this.peek(), keyword)) return false
    this.index += 1
    return true
  }

  private expectKeyword(keyword: string, after: string): void {
    const token = this.peek()
    if (this.acceptKeyword(keyword)) return
    throw new RqlSyntaxError(`expected ${keyword.toUpperCase()} ${after}, found ${describe(token)}`)
  }

  private acceptSymbol(symbol: string): boolean {
    const token = this.peek()
    if (token.kind !== 'symbol' || token.text !== symbol) return false
    this.index += 1
    return true
  }

  private refuseUnsupportedKeyword(token: Token): void {
    if (token.kind === 'word' && UNSUPPORTED_KEYWORDS.has(token.text.toLowerCase())) {
      const keyword = token.text.toLowerCase() === 'group' ? 'GROUP BY' : token.text.toUpperCase()
      const hint = keyword === 'OR' ? '; combine conditions with AND, or list values with IN' : ''
      throw new RqlSyntaxError(`${keyword} is not supported (at character ${token.position})${hint}`)
    }
  }

  parse(): RqlQuery {
    this.expectKeyword('select', 'at the start of the query')
    const { selection, columns } = this.parseSelection()
    this.expectKeyword('from', 'after the selected columns')
    const table = this.next()
    if (table.kind !== 'word' || table.text !== TABLE) {
      throw new RqlSyntaxError(`only the ${TABLE} table can be queried, found ${describe(table)}`)
    }
    const conditions: RqlCondition[] = []
    if (this.acceptKeyword('where')) {
      do conditions.push(this.parseCondition())
      while (this.acceptKeyword('and'))
    }
    let order: RqlQuery['order'] = null
    if (this.acceptKeyword('order')) {
      this.expectKeyword('by', 'after ORDER')
      const column = this.next()
      if (column.kind !== 'word' || column.text !== 'timestamp') throw new RqlSyntaxError(`only ORDER BY timestamp is supported, found ${describe(column)}`)
      if (this.acceptKeyword('desc')) order = 'desc'
      else {
        this.acceptKeyword('asc')
        order = 'asc'
      }
    }
    let limit = MAX_RQL_LIMIT
    if (this.acceptKeyword('limit')) limit = this.parseLimit()
    this.acceptSymbol(';')
    const rest = this.peek()
    if (rest.kind !== 'end') {
      this.refuseUnsupportedKeyword(rest)
      throw new RqlSyntaxError(`unexpected ${describe(rest)}; expected AND, ORDER BY, LIMIT or the end of the query`)
    }
    return { selection, columns, conditions, order, limit }
  }

  private parseSelection(): { selection: string[]; columns: RqlColumn[] } {
    if (this.acceptSymbol('*')) return { selection: ['*'], columns: [...RQL_COLUMNS] }
    const columns: RqlColumn[] = []
    do columns.push(this.parseColumn('select'))
    while (this.acceptSymbol(','))
    return { selection: [...columns], columns }
  }

  private parseColumn(use: 'select' | 'filter'): RqlColumn {
    const token = this.next()
    this.refuseUnsupportedKeyword(token)
    if (token.kind !== 'word') throw new RqlSyntaxError(`expected a column name, found ${describe(token)}`)
    const following = this.peek()
    if (following.kind === 'symbol' && following.text === '(') {
      throw new RqlSyntaxError(`functions such as ${token.text}() are not supported (at character ${token.position})`)
    }
    if (!(RQL_COLUMNS as readonly string[]).includes(token.text)) {
      const supported = use === 'select' ? RQL_COLUMNS.join(', ') : [...RQL_TEXT_MATCH_COLUMNS, ...ITEM_ID_COLUMNS, 'timestamp'].join(', ')
      throw new RqlSyntaxError(`unsupported column '${token.text}' at character ${token.position}; supported: ${supported}`)
    }
    return token.text as RqlColumn
  }

  private parseCondition(): RqlCondition {
    const columnToken = this.peek()
    const column = this.parseColumn('filter')
    const operator = this.next()
    this.refuseUnsupportedKeyword(operator)
    const isIn = this.isKeyword(operator, 'in')
    if (!isIn && operator.kind !== 'symbol') throw new RqlSyntaxError(`expected =, IN or a comparison after ${column}, found ${describe(operator)}`)

    if (column === 'timestamp') {
      const comparison = operator.kind === 'symbol' ? operator.text : ''
      if (!(TIMESTAMP_OPERATORS as readonly string[]).includes(comparison)) {
        throw new RqlSyntaxError(`timestamp can be compared with =, >, >=, < or <=, found ${describe(operator)}`)
      }
      return { kind: 'timestamp', operator: comparison as RqlTimestampOperator, valueSec: this.parseWholeNumber('timestamp (unix seconds)') }
    }
    if (!isIn && !(operator.kind === 'symbol' && operator.text === '=')) {
      throw new RqlSyntaxError(`${column} can only be compared with = or IN, found ${describe(operator)}`)
    }
    if (ITEM_ID_COLUMNS.includes(column)) {
      const itemIds = this.parseValues(isIn, () => this.parseItemId(column))
      return { kind: 'item', itemIds }
    }
    if ((RQL_TEXT_MATCH_COLUMNS as readonly string[]).includes(column)) {
      const textColumn = column as RqlTextMatchColumn
      const values = this.parseValues(isIn, () => this.parseString(textColumn))
      // ids are stored in lower case (occurrence-links.ts), as senders write them
      const normalized = textColumn === 'custom.trace_id' || textColumn === 'custom.span_id' ? values.map((value) => value.toLowerCase()) : values
      return { kind: 'text', column: textColumn, values: normalized }
    }
    throw new RqlSyntaxError(
      `conditions on ${column} (at character ${columnToken.position}) are not supported; filter on ${[...RQL_TEXT_MATCH_COLUMNS, ...ITEM_ID_COLUMNS, 'timestamp'].join(', ')}`,
    )
  }

  private parseValues<T>(isIn: boolean, parseValue: () => T): T[] {
    if (!isIn) return [parseValue()]
    const open = this.next()
    if (open.kind !== 'symbol' || open.text !== '(') throw new RqlSyntaxError(`expected ( after IN, found ${describe(open)}`)
    const values: T[] = []
    do {
      if (values.length === MAX_RQL_IN_VALUES) throw new RqlSyntaxError(`IN lists take at most ${MAX_RQL_IN_VALUES} values`)
      values.push(parseValue())
    } while (this.acceptSymbol(','))
    const close = this.next()
    if (close.kind !== 'symbol' || close.text !== ')') throw new RqlSyntaxError(`expected , or ) in the IN list, found ${describe(close)}`)
    return values
  }

  private parseString(column: string): string {
    const token = this.next()
    if (token.kind !== 'string') throw new RqlSyntaxError(`${column} is compared with quoted strings ('...'), found ${describe(token)}`)
    return token.value
  }

  private parseItemId(column: string): number {
    const token = this.next()
    const text = token.kind === 'number' ? token.text : token.kind === 'string' ? token.value : null
    const value = text !== null && /^\d{1,15}$/.test(text) ? Number(text) : NaN
    if (!Number.isSafeInteger(value)) throw new RqlSyntaxError(`${column} is compared with whole numbers, found ${describe(token)}`)
    return value
  }

  private parseWholeNumber(what: string): number {
    const token = this.next()
    const value = token.kind === 'number' && /^\d{1,15}$/.test(token.text) ? Number(token.text) : NaN
    if (!Number.isSafeInteger(value)) throw new RqlSyntaxError(`${what} is compared with a whole number, found ${describe(token)}`)
    return value
  }

  private parseLimit(): number {
    const token = this.next()
    const value = token.kind === 'number' && /^\d{1,15}$/.test(token.text) ? Number(token.text) : NaN
    if (!(value >= 1 && value <= MAX_RQL_LIMIT)) {
      throw new RqlSyntaxError(`LIMIT must be a whole number from 1 to ${MAX_RQL_LIMIT}, found ${describe(token)}`)
    }
    return value
  }
}

/** Parses a query of the supported subset, or says why it is outside it. */
export function parseRqlQuery(text: string): RqlParseResult {
  if (text.length > MAX_RQL_QUERY_LENGTH) return { ok: false, error: `the query is longer than ${MAX_RQL_QUERY_LENGTH} characters` }
  try {
    return { ok: true, query: new Parser(tokenize(text)).parse() }
  } catch (error) {
    if (error instanceof RqlSyntaxError) return { ok: false, error: error.message }
    throw error
  }
}

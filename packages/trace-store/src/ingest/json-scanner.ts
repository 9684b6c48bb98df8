// The generic reader under the JSON fast path (scan-json-request.ts): a cursor
// over JSON text that knows JSON, not OTLP.

// eslint-disable-next-line no-control-regex -- control characters cannot appear raw in a JSON string
const PLAIN_STRING = /"([^"\\\u0000-\u001f]*)"/y
/** Decimal digits without leading zeros: counts here, times in scan-json-request.ts. */
export const DIGITS_PATTERN = /^(0|[1-9]\d{0,19})$/

/** Thrown by the scanner and the scans built on it: the request is not in the form the fast path takes. */
export const GIVE_UP = new Error('not in the fast path')

export const QUOTE = 34
const BACKSLASH = 92
const COMMA = 44
export const COLON = 58
export const OPEN_BRACE = 123
export const CLOSE_BRACE = 125
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
const MINUS = 45
const DIGIT_0 = 48
const DIGIT_9 = 57

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9
}

/** A cursor over JSON text that validates what it reads and throws GIVE_UP on anything it does not take. */
export class JsonScanner {
  pos = 0

  constructor(readonly text: string) {}

  skipWhitespace(): void {
    const text = this.text
    let pos = this.pos
    for (;;) {
      const code = text.charCodeAt(pos)
      if (code === 32 || code === 10 || code === 13 || code === 9) pos += 1
      else break
    }
    this.pos = pos
  }

  peek(): number {
    this.skipWhitespace()
    return this.text.charCodeAt(this.pos)
  }

  expect(code: number): void {
    if (this.peek() !== code) throw GIVE_UP
    this.pos += 1
  }

  take(code: number): boolean {
    if (this.peek() !== code) return false
    this.pos += 1
    return true
  }

  string(): string {
    const text = this.text
    if (this.peek() !== QUOTE) throw GIVE_UP
    PLAIN_STRING.lastIndex = this.pos
    const plain = PLAIN_STRING.exec(text)
    if (plain) {
      this.pos = PLAIN_STRING.lastIndex
      return plain[1]!
    }
    const open = this.pos
    let pos = open + 1
    let escaped = false
    for (;;) {
      const code = text.charCodeAt(pos)
      if (code === QUOTE) break
      if (code === BACKSLASH) {
        escaped = true
        pos += 2
        continue
      }
      // a control character, or the end of the text (NaN)
      if (!(code >= 32)) throw GIVE_UP
      pos += 1
    }
    this.pos = pos + 1
    // JSON.parse checks the escapes and decodes them
    return escaped ? (JSON.parse(text.slice(open, pos + 1)) as string) : text.slice(open + 1, pos)
  }

  /** A non-negative integer without fraction or exponent. */
  count(): number {
    const text = this.text
    this.skipWhitespace()
    const start = this.pos
    let pos = start
    while (isDigit(text.charCodeAt(pos))) pos += 1
    const digits = text.slice(start, pos)
    if (!DIGITS_PATTERN.test(digits)) throw GIVE_UP
    const next = text.charCodeAt(pos)
    if (next === 46 || next === 101 || next === 69) throw GIVE_UP // '.', 'e', 'E'
    this.pos = pos
    const value = Number(digits)
    if (!Number.isSafeInteger(value)) throw GIVE_UP
    return value
  }

  /** Any JSON number; returns its text. */
  number(): string {
    const text = this.text
    this.skipWhitespace()
    const start = this.pos
    let pos = start
    if (text.charCodeAt(pos) === MINUS) pos += 1
    if (text.charCodeAt(pos) === DIGIT_0) pos += 1
    else if (isDigit(text.charCodeAt(pos))) while (isDigit(text.charCodeAt(pos))) pos += 1
    else throw GIVE_UP
    if (text.charCodeAt(pos) === 46) {
      pos += 1
      if (!isDigit(text.charCodeAt(pos))) throw GIVE_UP
      while (isDigit(text.charCodeAt(pos))) pos += 1
    }
    const exponent = text.charCodeAt(pos)
    if (exponent === 101 || exponent === 69) {
      pos += 1
      const sign = text.charCodeAt(pos)
      if (sign === 43 || sign === MINUS) pos += 1
      if (!isDigit(text.charCodeAt(pos))) throw GIVE_UP
      while (isDigit(text.charCodeAt(pos))) pos += 1
    }
    this.pos = pos
    return text.slice(start, pos)
  }

  literal(word: 'true' | 'false' | 'null'): void {
    this.skipWhitespace()
    if (!this.text.startsWith(word, this.pos)) throw GIVE_UP
    this.pos += word.length
  }

  boolean(): boolean {
    if (this.peek() === 116) {
      this.literal('true')
      return true
    }
    this.literal('false')
    return false
  }

  /** Reads an object, calling `onKey` with each key; `onKey` must read the value. */
  object(onKey: (key: string) => void): void {
    this.expect(OPEN_BRACE)
    if (this.take(CLOSE_BRACE)) return
    for (;;) {
      const key = this.string()
      this.expect(COLON)
      onKey(key)
      if (this.take(COMMA)) continue
      this.expect(CLOSE_BRACE)
      return
    }
  }

  array(onItem: () => void): void {
    this.expect(OPEN_BRACKET)
    if (this.take(CLOSE_BRACKET)) return
    for (;;) {
      onItem()
      if (this.take(COMMA)) continue
      this.expect(CLOSE_BRACKET)
      return
    }
  }

  /** Skips any value, validating it; returns its text. */
  value(): string {
    const start = (this.skipWhitespace(), this.pos)
    const code = this.text.charCodeAt(start)
    if (code === QUOTE) this.string()
    else if (code === OPEN_BRACE) this.object(() => this.value())
    else if (code === OPEN_BRACKET) this.array(() => this.value())
    else if (code === 116) this.literal('true')
    else if (code === 102) this.literal('false')
    else if (code === 110) this.literal('null')
    else this.number()
    return this.text.slice(start, this.pos)
  }
}

// The generic reader under the protobuf fast path (scan-protobuf-request.ts):
// the protobuf wire format, not OTLP's messages.

/** Thrown by the reader and the scan built on it: the request is not in the form the fast path takes. */
export const GIVE_UP = new Error('not in the protobuf fast path')

export const WIRE_VARINT = 0
export const WIRE_FIXED64 = 1
export const WIRE_DELIMITED = 2
export const WIRE_FIXED32 = 5

/** A tag: the field number and wire type in one varint. */
export function tag(field: number, wireType: number): number {
  return (field << 3) | wireType
}

/** A cursor over protobuf wire format that checks lengths and field order, and throws GIVE_UP on anything it does not take. */
export class WireReader {
  pos = 0

  constructor(readonly bytes: Buffer) {}

  /** A varint that fits in 32 bits unsigned: tags, lengths, counts, enums. */
  uint32(): number {
    const bytes = this.bytes
    const first = bytes[this.pos]
    if (first !== undefined && first < 0x80) {
      this.pos += 1
      return first
    }
    let value = 0
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = bytes[this.pos++]
      if (byte === undefined) throw GIVE_UP
      value += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) {
        if (value > 0xffffffff) throw GIVE_UP
        return value
      }
    }
    throw GIVE_UP
  }

  /** An int64 varint as decimal text (two's complement: ten bytes for a negative number). */
  int64Text(): string {
    const bytes = this.bytes
    const start = this.pos
    let value = 0
    for (let index = 0; index < 4; index += 1) {
      const byte = bytes[this.pos++]
      if (byte === undefined) throw GIVE_UP
      value += (byte & 0x7f) * 2 ** (7 * index)
      if (byte < 0x80) return String(value)
    }
    this.pos = start
    let wide = 0n
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = bytes[this.pos++]
      if (byte === undefined || (shift === 63n && byte > 1)) throw GIVE_UP
      wide |= BigInt(byte & 0x7f) << shift
      if (byte < 0x80) return BigInt.asIntN(64, wide).toString()
    }
    throw GIVE_UP
  }

  fixed64(): bigint {
    if (this.pos + 8 > this.bytes.length) throw GIVE_UP
    const low = this.bytes.readUInt32LE(this.pos)
    const high = this.bytes.readUInt32LE(this.pos + 4)
    this.pos += 8
    return (BigInt(high) << 32n) | BigInt(low)
  }

  fixed32(): number {
    if (this.pos + 4 > this.bytes.length) throw GIVE_UP
    const value = this.bytes.readUInt32LE(this.pos)
    this.pos += 4
    return value
  }

  double(): number {
    if (this.pos + 8 > this.bytes.length) throw GIVE_UP
    const value = this.bytes.readDoubleLE(this.pos)
    this.pos += 8
    return value
  }

  /** Reads a length-delimited field's length, skips its bytes, and returns where they start (they end at `pos`). */
  delimited(limit: number): number {
    const length = this.uint32()
    const start = this.pos
    if (start + length > limit) throw GIVE_UP
    this.pos = start + length
    return start
  }

  string(start: number, end: number): string {
    return this.bytes.toString('utf8', start, end)
  }

  /** Skips a field the scan does not read; gives up on one the schema defines with another type, and on groups. */
  skip(fieldTag: number, maxField: number, limit: number): void {
    const field = fieldTag >>> 3
    if (field === 0 || field <= maxField) throw GIVE_UP
    switch (fieldTag & 7) {
      case WIRE_VARINT:
        this.int64Text()
        break
      case WIRE_FIXED64:
        this.pos += 8
        break
      case WIRE_DELIMITED:
        this.delimited(limit)
        break
      case WIRE_FIXED32:
        this.pos += 4
        break
      default:
        throw GIVE_UP
    }
    if (this.pos > limit) throw GIVE_UP
  }

  /** A message's fields must end exactly where the message does. */
  expectEnd(end: number): void {
    if (this.pos !== end) throw GIVE_UP
  }
}

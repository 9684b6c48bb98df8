import type { ScalarType, SpanRow } from './span-rows.js'

// Span rows as CSV for DuckDB's COPY: its CSV reader loads a batch natively several times faster than appending it
// value by value from JavaScript (bench:query). NULL is an unquoted \N; every text is quoted (a quoted "\N" or "" is
// text, not NULL: ALLOW_QUOTED_NULLS false), quotes inside are doubled, newlines stay inside the quotes.

/** The COPY options that read what spanRowsCsv writes. */
export const CSV_COPY_OPTIONS = "FORMAT csv, HEADER false, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULLSTR '\\N', ALLOW_QUOTED_NULLS false, AUTO_DETECT false"

export interface CsvAttributeColumn {
  key: string
  type: ScalarType
}

const NULL = '\\N'

function text(value: string): string {
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`
}

/** One line per row: the intrinsic columns in span-table.ts's order, then the attribute columns in theirs. */
export function spanRowsCsv(rows: readonly SpanRow[], attributeColumns: readonly CsvAttributeColumn[]): string {
  const lines: string[] = []
  for (const row of rows) {
    let line = `${row.chunkId},${text(row.traceId)},${text(row.spanId)},${row.parentId === null ? NULL : text(row.parentId)},${row.startNs},${row.durationMs},${text(row.name)},${text(row.service)},${text(row.kind)},${row.statusCode},${text(row.statusMessage)},${row.eventCount},${row.linkCount},${text(row.libraryName)},${text(row.libraryVersion)}`
    for (const column of attributeColumns) {
      const scalar = row.attributes.get(column.key)
      line += scalar?.type !== column.type ? `,${NULL}` : scalar.type === 'text' ? `,${text(scalar.value)}` : `,${scalar.value}`
    }
    lines.push(line)
  }
  return `${lines.join('\n')}\n`
}

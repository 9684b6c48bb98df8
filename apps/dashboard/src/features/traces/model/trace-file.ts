import { nanoDiffMs } from '@spanlight/trace-store/helpers'
import { z } from 'zod'
import { SPAN_KINDS, STATUS_CODES, type Attribute, type AttributeValue, type SpanKind, type SpanModel, type StatusCode, type TraceModel } from './trace-model'

// This module runs in the browser under the dashboard's CSP, which allows no eval: zod's JIT would try `new Function`
// (caught, but reported as a CSP violation), so schemas run without it.
z.config({ jitless: true })

// A trace file opened in the browser (never uploaded) → TraceModel, for /traces/open. Reads:
// - OTLP JSON: `{"resourceSpans":[…]}` as the dashboard's own download and Tempo write it, also in the envelopes of
//   Tempo's API (`{"trace":{"resourceSpans"}}`, `{"batches":[…]}`) and Jaeger's api_v3 (`{"result":{"resourceSpans"}}`);
//   hex or base64 ids, integer or named enums, int64 as strings or numbers, defaults left out;
// - OTLP JSON Lines: the Collector's file exporter, one export request per line;
// - Jaeger JSON: Jaeger UI's "Download JSON" (`{"data":[{traceID, spans, processes}]}`, times in µs).
// The server's OTLP normaliser (src/server/otlp/normalize-otlp.ts) is `server-only` and decodes base64 with Node's
// Buffer, so this is written for the browser; the conversions follow it.

export type TraceFileFormat = 'otlp' | 'otlp-lines' | 'jaeger'

export const TRACE_FILE_FORMAT_LABELS: Record<TraceFileFormat, string> = {
  otlp: 'OTLP JSON',
  'otlp-lines': 'OTLP JSON Lines',
  jaeger: 'Jaeger JSON',
}

export type TraceFileResult = { ok: true; format: TraceFileFormat; traces: TraceModel[] } | { ok: false; error: string }

/** What is wrong with a file, as shown to the user (and asserted in tests). */
export const TRACE_FILE_MESSAGES = {
  empty: 'The file is empty.',
  notJson: (detail: string) => `The file is not JSON (${detail}).`,
  lineNotJson: (line: number, detail: string) => `Line ${line} of the file is not JSON (${detail}).`,
  neither: (keys: string[]) =>
    `The file is JSON but neither OTLP JSON (a "resourceSpans" list) nor Jaeger JSON (a "data" list of traces with "spans"); ${
      keys.length
        ? `its top-level keys are ${keys
            .slice(0, 8)
            .map((key) => `"${key}"`)
            .join(', ')}`
        : 'it has no top-level keys'
    }.`,
  invalid: (format: string, where: string, problem: string) => `The ${format} file is not valid: ${where ? `${where}: ` : ''}${problem}.`,
  badId: (what: string, raw: string, bytes: number) =>
    `The file is not valid: ${what} "${raw.slice(0, 40)}" is neither ${bytes * 2} hex digits nor base64 of ${bytes} bytes.`,
  noSpans: 'The file holds no spans.',
} as const

export const MISSING_ID = 'a span without an id'

class TraceFileError extends Error {}

// --- reading ---------------------------------------------------------------------------------------------------------

/** Reads a trace file's text; never throws. A file with several traces returns them all (ordered by start). */
export function parseTraceFile(text: string): TraceFileResult {
  try {
    const { format, documents } = readDocuments(text)
    const traces = format === 'jaeger' ? jaegerToTraces(documents[0]) : otlpToTraces(documents, format)
    if (traces.length === 0) return { ok: false, error: TRACE_FILE_MESSAGES.noSpans }
    traces.sort((a, b) => compareNano(a.startTimeUnixNano, b.startTimeUnixNano))
    return { ok: true, format, traces }
  } catch (error) {
    if (error instanceof TraceFileError) return { ok: false, error: error.message }
    throw error
  }
}

function readDocuments(text: string): { format: TraceFileFormat; documents: unknown[] } {
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (!trimmed) throw new TraceFileError(TRACE_FILE_MESSAGES.empty)
  let whole: unknown
  let wholeError: string | null = null
  try {
    whole = JSON.parse(trimmed)
  } catch (error) {
    wholeError = (error as Error).message
  }
  if (wholeError === null) {
    if (isRecord(whole) && Array.isArray(whole.data)) return { format: 'jaeger', documents: [whole] }
    return { format: 'otlp', documents: [otlpDocument(whole)] }
  }
  // JSON Lines (the Collector's file exporter): one export request per line
  const lines = trimmed.split(/\r?\n/)
  const documents: unknown[] = []
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      if (documents.length === 0) throw new TraceFileError(TRACE_FILE_MESSAGES.notJson(wholeError))
      throw new TraceFileError(TRACE_FILE_MESSAGES.lineNotJson(index + 1, (error as Error).message))
    }
    documents.push(otlpDocument(value, index + 1))
  }
  if (documents.length === 1) throw new TraceFileError(TRACE_FILE_MESSAGES.notJson(wholeError))
  return { format: 'otlp-lines', documents }
}

/** The `resourceSpans` list of one OTLP document (or of the envelopes Tempo and Jaeger's api_v3 put around it). */
function otlpDocument(value: unknown, line?: number): unknown {
  if (isRecord(value)) {
    if ('resourceSpans' in value) return value.resourceSpans
    if (isRecord(value.trace) && 'resourceSpans' in value.trace) return value.trace.resourceSpans
    if (isRecord(value.result) && 'resourceSpans' in value.result) return value.result.resourceSpans
    if ('batches' in value) return value.batches
  }
  const keys = isRecord(value) ? Object.keys(value) : []
  const message = TRACE_FILE_MESSAGES.neither(keys)
  throw new TraceFileError(line === undefined ? message : `Line ${line}: ${message}`)
}

// --- validation ------------------------------------------------------------------------------------------------------

const int64 = z.union([z.string().regex(/^\d+$/, { message: 'must be a decimal integer' }), z.number().int().nonnegative()])
const keyValues = z
  .array(z.object({ key: z.string().optional(), value: z.unknown().optional() }))
  .optional()
  .nullable()
const id = z.string({ message: MISSING_ID })

const otlpSpanSchema = z.object({
  traceId: id,
  spanId: id,
  parentSpanId: z.string().optional().nullable(),
  name: z.string().optional(),
  kind: z.union([z.number(), z.string()]).optional(),
  startTimeUnixNano: int64.optional(),
  endTimeUnixNano: int64.optional(),
  attributes: keyValues,
  events: z
    .array(z.object({ timeUnixNano: int64.optional(), name: z.string().optional(), attributes: keyValues }))
    .optional()
    .nullable(),
  links: z
    .array(z.object({ traceId: id, spanId: id, attributes: keyValues }))
    .optional()
    .nullable(),
  status: z
    .object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() })
    .optional()
    .nullable(),
})
const otlpScopeSchema = z.object({ name: z.string().optional(), version: z.string().optional() }).optional().nullable()
const otlpScopeSpansSchema = z.object({ scope: otlpScopeSchema, spans: z.array(otlpSpanSchema).optional().nullable() })
const otlpResourceSpansSchema = z.array(
  z.object({
    resource: z.object({ attributes: keyValues }).optional().nullable(),
    scopeSpans: z.array(otlpScopeSpansSchema).optional().nullable(),
    /** OTLP before 0.19 */
    instrumentationLibrarySpans: z
      .array(otlpScopeSpansSchema.extend({ instrumentationLibrary: otlpScopeSchema }))
      .optional()
      .nullable(),
  }),
)

const jaegerKeyValues = z
  .array(z.object({ key: z.string(), type: z.string().optional(), value: z.unknown() }))
  .optional()
  .nullable()
const micros = z.union([z.number().nonnegative(), z.string().regex(/^\d+$/, { message: 'must be a decimal integer' })])
const jaegerSpanSchema = z.object({
  traceID: id,
  spanID: id,
  parentSpanID: z.string().optional().nullable(),
  operationName: z.string().optional(),
  references: z
    .array(z.object({ refType: z.string().optional(), traceID: z.string().optional(), spanID: z.string() }))
    .optional()
    .nullable(),
  startTime: micros.optional(),
  duration: micros.optional(),
  tags: jaegerKeyValues,
  logs: z
    .array(z.object({ timestamp: micros.optional(), fields: jaegerKeyValues }))
    .optional()
    .nullable(),
  processID: z.string().optional(),
  warnings: z.array(z.string()).optional().nullable(),
})
const jaegerFileSchema = z.object({
  data: z.array(
    z.object({
      traceID: z.string().optional(),
      spans: z.array(jaegerSpanSchema),
      processes: z
        .record(z.string(), z.object({ serviceName: z.string().optional(), tags: jaegerKeyValues }))
        .optional()
        .nullable(),
      warnings: z.array(z.string()).optional().nullable(),
    }),
  ),
})

/** `resourceSpans[0].scopeSpans[1].spans[2].spanId` */
function pathText(root: string, path: readonly PropertyKey[]): string {
  let text = root
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`
  return text
}

function validate<T>(schema: z.ZodType<T>, value: unknown, format: string, root: string): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  throw new TraceFileError(TRACE_FILE_MESSAGES.invalid(format, pathText(root, issue.path), issue.message))
}

// --- values ----------------------------------------------------------------------------------------------------------

const HEX = /^[0-9a-f]+$/i
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/

/** An id as lowercase hex, from hex or base64 (Tempo); Jaeger may drop leading hex zeros. */
export function fileId(raw: string, bytes: 8 | 16, what: string, padShortHex = false): string {
  const text = raw.trim()
  if (HEX.test(text) && (text.length === bytes * 2 || (padShortHex && text.length < bytes * 2))) return text.toLowerCase().padStart(bytes * 2, '0')
  if (BASE64.test(text) && text.replace(/=+$/, '').length === Math.ceil((bytes * 4) / 3)) {
    try {
      const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
      if (binary.length === bytes) return [...binary].map((char) => char.charCodeAt(0).toString(16).padStart(2, '0')).join('')
    } catch {
      // not base64 after all
    }
  }
  throw new TraceFileError(TRACE_FILE_MESSAGES.badId(what, raw, bytes))
}

/** OTLP AnyValue (JSON mapping) → plain value */
function anyValue(value: unknown): AttributeValue {
  if (!isRecord(value)) return null
  if (value.stringValue !== undefined) return String(value.stringValue ?? '')
  if (value.intValue !== undefined) {
    const number = Number(value.intValue)
    return Number.isSafeInteger(number) ? number : String(value.intValue)
  }
  if (value.boolValue !== undefined) return value.boolValue === true || value.boolValue === 'true'
  if (value.doubleValue !== undefined) {
    const number = Number(value.doubleValue)
    return Number.isFinite(number) ? number : String(value.doubleValue)
  }
  if (value.arrayValue !== undefined) {
    const values = (value.arrayValue as { values?: unknown[] } | null)?.values ?? []
    return values.map(anyValue)
  }
  if (value.kvlistValue !== undefined) {
    const result: Record<string, AttributeValue> = {}
    for (const entry of (value.kvlistValue as { values?: { key: string; value: unknown }[] } | null)?.values ?? []) result[entry.key] = anyValue(entry.value)
    return result
  }
  if (value.bytesValue !== undefined) return String(value.bytesValue ?? '')
  return null
}

function otlpAttributes(list: { key?: string; value?: unknown }[] | null | undefined): Attribute[] {
  return (list ?? []).map((entry) => ({ key: entry.key ?? '', value: anyValue(entry.value) }))
}

function enumName<T extends string>(names: readonly T[], prefix: string, raw: number | string | undefined, fallback: T): T {
  if (raw === undefined) return fallback
  const name = typeof raw === 'number' ? String(raw) : raw.toLowerCase().replace(prefix, '')
  if (/^\d+$/.test(name)) return names[Number(name)] ?? fallback
  return (names as readonly string[]).includes(name) ? (name as T) : fallback
}

function nanoText(value: string | number | undefined): string {
  if (value === undefined) return '0'
  return typeof value === 'number' ? BigInt(Math.trunc(value)).toString() : value.replace(/^0+(?=\d)/, '')
}

/** Orders unix ns decimal strings (no leading zeros) without parsing them. */
function compareNano(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// --- building --------------------------------------------------------------------------------------------------------

interface TraceParts {
  spans: SpanModel[]
  resources: Record<string, Attribute[]>
  warnings: string[]
}

function partsOf(byTrace: Map<string, TraceParts>, traceId: string): TraceParts {
  let parts = byTrace.get(traceId)
  if (!parts) {
    parts = { spans: [], resources: {}, warnings: [] }
    byTrace.set(traceId, parts)
  }
  return parts
}

function buildTraces(byTrace: Map<string, TraceParts>): TraceModel[] {
  return [...byTrace.entries()].map(([traceId, { spans, resources, warnings }]) => {
    spans.sort((a, b) => compareNano(a.startTimeUnixNano, b.startTimeUnixNano))
    let start = spans[0]?.startTimeUnixNano ?? '0'
    let end = '0'
    for (const span of spans) {
      if (compareNano(span.startTimeUnixNano, start) < 0) start = span.startTimeUnixNano
      if (compareNano(span.endTimeUnixNano, end) > 0) end = span.endTimeUnixNano
    }
    if (compareNano(end, start) < 0) end = start
    return { traceId, startTimeUnixNano: start, endTimeUnixNano: end, durationMs: nanoDiffMs(start, end), resources, spans, warnings }
  })
}

function otlpToTraces(documents: unknown[], format: TraceFileFormat): TraceModel[] {
  const byTrace = new Map<string, TraceParts>()
  let resourceCount = 0
  documents.forEach((document, documentIndex) => {
    const root = format === 'otlp-lines' ? `line ${documentIndex + 1}: resourceSpans` : 'resourceSpans'
    const resourceSpansList = validate(otlpResourceSpansSchema, document, TRACE_FILE_FORMAT_LABELS[format], root)
    resourceSpansList.forEach((resourceSpans, resourceIndex) => {
      const resourceId = `r${resourceCount++}`
      const resource = otlpAttributes(resourceSpans.resource?.attributes)
      const service = resource.find((attribute) => attribute.key === 'service.name')?.value
      const serviceName = typeof service === 'string' && service ? service : 'unknown_service'
      const groups = [
        ...(resourceSpans.scopeSpans ?? []),
        ...(resourceSpans.instrumentationLibrarySpans ?? []).map((group) => ({ ...group, scope: group.scope ?? group.instrumentationLibrary })),
      ]
      groups.forEach((group, groupIndex) => {
        const scope = { name: group.scope?.name ?? '', version: group.scope?.version ?? '' }
        ;(group.spans ?? []).forEach((span, spanIndex) => {
          const where = `${root}[${resourceIndex}].scopeSpans[${groupIndex}].spans[${spanIndex}]`
          const traceId = fileId(span.traceId, 16, `${where}: trace id`)
          const parts = partsOf(byTrace, traceId)
          parts.resources[resourceId] = resource
          const startTimeUnixNano = nanoText(span.startTimeUnixNano)
          const endTimeUnixNano = nanoText(span.endTimeUnixNano)
          parts.spans.push({
            spanId: fileId(span.spanId, 8, `${where}: span id`),
            parentSpanId: span.parentSpanId ? fileId(span.parentSpanId, 8, `${where}: parent span id`) : null,
            name: span.name ?? '',
            kind: enumName<SpanKind>(SPAN_KINDS, 'span_kind_', span.kind, 'unspecified'),
            startTimeUnixNano,
            endTimeUnixNano,
            durationMs: Math.max(0, nanoDiffMs(startTimeUnixNano, endTimeUnixNano)),
            status: { code: enumName<StatusCode>(STATUS_CODES, 'status_code_', span.status?.code, 'unset'), message: span.status?.message ?? '' },
            serviceName,
            resourceId,
            scope,
            attributes: otlpAttributes(span.attributes),
            events: (span.events ?? []).map((event) => ({
              timeUnixNano: nanoText(event.timeUnixNano),
              name: event.name ?? '',
              attributes: otlpAttributes(event.attributes),
            })),
            links: (span.links ?? []).map((link) => ({
              traceId: fileId(link.traceId, 16, `${where}: link trace id`),
              spanId: fileId(link.spanId, 8, `${where}: link span id`),
              attributes: otlpAttributes(link.attributes),
            })),
          })
        })
      })
    })
  })
  return buildTraces(byTrace)
}

// Jaeger keeps OTLP's span kind, status and scope in tags (its OTLP translator writes them there); they become fields again
const JAEGER_KIND_TAG = 'span.kind'
const JAEGER_STATUS_CODE_TAG = 'otel.status_code'
const JAEGER_STATUS_MESSAGE_TAG = 'otel.status_description'
const JAEGER_SCOPE_NAME_TAGS = ['otel.scope.name', 'otel.library.name']
const JAEGER_SCOPE_VERSION_TAGS = ['otel.scope.version', 'otel.library.version']
const JAEGER_FIELD_TAGS = new Set([JAEGER_KIND_TAG, JAEGER_STATUS_CODE_TAG, JAEGER_STATUS_MESSAGE_TAG, ...JAEGER_SCOPE_NAME_TAGS, ...JAEGER_SCOPE_VERSION_TAGS])

function jaegerValue(type: string | undefined, value: unknown): AttributeValue {
  if (value === null || value === undefined) return null
  if (type === 'bool') return value === true || value === 'true'
  if (type === 'int64' || type === 'float64') {
    const number = Number(value)
    return Number.isFinite(number) && (type === 'float64' || Number.isSafeInteger(number)) ? number : String(value)
  }
  return typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean)
}

function jaegerAttributes(list: { key: string; type?: string; value: unknown }[] | null | undefined): Attribute[] {
  return (list ?? []).map((tag) => ({ key: tag.key, value: jaegerValue(tag.type, tag.value) }))
}

function microsToNano(value: number | string | undefined): string {
  if (value === undefined) return '0'
  return (BigInt(typeof value === 'number' ? Math.trunc(value) : value) * 1000n).toString()
}

function jaegerToTraces(document: unknown): TraceModel[] {
  const file = validate(jaegerFileSchema, document, TRACE_FILE_FORMAT_LABELS.jaeger, '')
  const byTrace = new Map<string, TraceParts>()
  file.data.forEach((trace, traceIndex) => {
    const processes = trace.processes ?? {}
    trace.spans.forEach((span, spanIndex) => {
      const where = `data[${traceIndex}].spans[${spanIndex}]`
      const traceId = fileId(span.traceID, 16, `${where}: traceID`, true)
      const parts = partsOf(byTrace, traceId)
      for (const warning of trace.warnings ?? []) if (!parts.warnings.includes(warning)) parts.warnings.push(warning)
      const processId = span.processID ?? ''
      const process = processes[processId]
      const resourceId = process ? `${traceIndex}:${processId}` : 'unknown'
      const serviceName = process?.serviceName || 'unknown_service'
      if (!(resourceId in parts.resources)) {
        parts.resources[resourceId] = [{ key: 'service.name', value: serviceName }, ...jaegerAttributes(process?.tags)]
        if (!process) parts.warnings.push(`span ${span.spanID} names a process (${JSON.stringify(processId)}) the file does not hold`)
      }
      const tags = span.tags ?? []
      const tag = (keys: string[]) => tags.find((entry) => keys.includes(entry.key))?.value
      const references = span.references ?? []
      const parentRef = references.find((ref) => ref.refType === 'CHILD_OF') ?? references.find((ref) => ref.refType === 'FOLLOWS_FROM')
      const parent = parentRef?.spanID ?? span.parentSpanID ?? ''
      const statusTag = tag([JAEGER_STATUS_CODE_TAG])
      const errorTag = tag(['error'])
      const startTimeUnixNano = microsToNano(span.startTime)
      const endTimeUnixNano = (BigInt(startTimeUnixNano) + BigInt(microsToNano(span.duration))).toString()
      for (const warning of span.warnings ?? []) parts.warnings.push(`span ${span.spanID}: ${warning}`)
      parts.spans.push({
        spanId: fileId(span.spanID, 8, `${where}: spanID`, true),
        parentSpanId: parent && !/^0+$/.test(parent) ? fileId(parent, 8, `${where}: parent spanID`, true) : null,
        name: span.operationName ?? '',
        kind: enumName<SpanKind>(
          SPAN_KINDS,
          'span_kind_',
          typeof tag([JAEGER_KIND_TAG]) === 'string' ? (tag([JAEGER_KIND_TAG]) as string) : undefined,
          'unspecified',
        ),
        startTimeUnixNano,
        endTimeUnixNano,
        durationMs: nanoDiffMs(startTimeUnixNano, endTimeUnixNano),
        status: {
          code:
            typeof statusTag === 'string'
              ? enumName<StatusCode>(STATUS_CODES, 'status_code_', statusTag, 'unset')
              : errorTag === true || errorTag === 'true'
                ? 'error'
                : 'unset',
          message: String(tag([JAEGER_STATUS_MESSAGE_TAG]) ?? ''),
        },
        serviceName,
        resourceId,
        scope: { name: String(tag(JAEGER_SCOPE_NAME_TAGS) ?? ''), version: String(tag(JAEGER_SCOPE_VERSION_TAGS) ?? '') },
        attributes: jaegerAttributes(tags.filter((entry) => !JAEGER_FIELD_TAGS.has(entry.key))),
        events: (span.logs ?? []).map((log) => {
          const fields = log.fields ?? []
          const event = fields.find((field) => field.key === 'event')
          return {
            timeUnixNano: microsToNano(log.timestamp),
            name: typeof event?.value === 'string' ? event.value : 'log',
            attributes: jaegerAttributes(fields.filter((field) => field !== event)),
          }
        }),
        links: references
          .filter((ref) => ref !== parentRef)
          .map((ref) => ({
            traceId: ref.traceID ? fileId(ref.traceID, 16, `${where}: reference traceID`, true) : traceId,
            spanId: fileId(ref.spanID, 8, `${where}: reference spanID`, true),
            attributes: [],
          })),
      })
    })
  })
  return buildTraces(byTrace)
}

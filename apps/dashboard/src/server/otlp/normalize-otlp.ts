import 'server-only'
import { nanoDiffMs } from '@spanlight/trace-store/helpers'
import { z } from 'zod'
import {
  SPAN_KINDS,
  STATUS_CODES,
  type Attribute,
  type AttributeValue,
  type SpanKind,
  type SpanModel,
  type StatusCode,
  type TraceModel,
} from '../../features/traces/model/trace-model'
import { normalizeId } from './normalize-ids'

// OTLP JSON as sources send it: hex (OTLP/Jaeger) or base64 (Tempo) ids, integer or named enums,
// int64 as strings or numbers, and every field at its default left out (proto3 JSON gateways omit zero values:
// no times, no key, no attributes). Validated loosely here, then normalised field by field. The fields the model
// does not draw (flags, traceState, dropped counts, schemaUrl, scope attributes) are read too, for the OTLP download.

const int64 = z.union([z.string().regex(/^\d+$/, { message: 'must be a decimal integer' }), z.number().int().nonnegative()])
/** uint32 / fixed32 fields (flags, dropped counts): numbers in proto3 JSON, strings tolerated */
const uint32 = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, { message: 'must be a decimal integer' })])
const keyValues = z
  .array(z.object({ key: z.string().optional(), value: z.unknown().optional() }))
  .optional()
  .nullable()

const spanSchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().optional().nullable(),
  traceState: z.string().optional().nullable(),
  flags: uint32.optional().nullable(),
  name: z.string().optional(),
  kind: z.union([z.number(), z.string()]).optional(),
  startTimeUnixNano: int64.optional(),
  endTimeUnixNano: int64.optional(),
  attributes: keyValues,
  droppedAttributesCount: uint32.optional().nullable(),
  events: z
    .array(
      z.object({ timeUnixNano: int64.optional(), name: z.string().optional(), attributes: keyValues, droppedAttributesCount: uint32.optional().nullable() }),
    )
    .optional()
    .nullable(),
  droppedEventsCount: uint32.optional().nullable(),
  links: z
    .array(
      z.object({
        traceId: z.string(),
        spanId: z.string(),
        traceState: z.string().optional().nullable(),
        flags: uint32.optional().nullable(),
        attributes: keyValues,
        droppedAttributesCount: uint32.optional().nullable(),
      }),
    )
    .optional()
    .nullable(),
  droppedLinksCount: uint32.optional().nullable(),
  status: z
    .object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() })
    .optional()
    .nullable(),
})

const scopeSchema = z.object({
  name: z.string().optional(),
  version: z.string().optional(),
  attributes: keyValues,
  droppedAttributesCount: uint32.optional().nullable(),
})

const scopeSpansSchema = z.object({
  scope: scopeSchema.optional().nullable(),
  spans: z.array(spanSchema).optional().nullable(),
  schemaUrl: z.string().optional().nullable(),
})

export const resourceSpansSchema = z.object({
  resource: z.object({ attributes: keyValues, droppedAttributesCount: uint32.optional().nullable() }).optional().nullable(),
  scopeSpans: z.array(scopeSpansSchema).optional().nullable(),
  /** OTLP before 0.19 */
  instrumentationLibrarySpans: z
    .array(scopeSpansSchema.extend({ instrumentationLibrary: scopeSchema.optional().nullable() }))
    .optional()
    .nullable(),
  schemaUrl: z.string().optional().nullable(),
})

export type OtlpResourceSpans = z.infer<typeof resourceSpansSchema>

export class NormalizeError extends Error {}

/** OTLP AnyValue (JSON mapping) → plain JSON value. Property reads, not `in`: this runs for every attribute of a trace. */
export function anyValueToJs(value: unknown): AttributeValue {
  if (!value || typeof value !== 'object') return null
  const record = value as Record<string, unknown>
  const text = record.stringValue
  if (text !== undefined) return typeof text === 'string' ? text : String(text ?? '')
  if (record.intValue !== undefined) {
    const number = Number(record.intValue)
    return Number.isSafeInteger(number) ? number : String(record.intValue)
  }
  if (record.boolValue !== undefined) return record.boolValue === true || record.boolValue === 'true'
  if (record.doubleValue !== undefined) {
    const number = Number(record.doubleValue)
    return Number.isFinite(number) ? number : String(record.doubleValue)
  }
  if (record.arrayValue !== undefined) {
    const values = (record.arrayValue as { values?: unknown[] } | null)?.values ?? []
    return values.map(anyValueToJs)
  }
  if (record.kvlistValue !== undefined) {
    const values = (record.kvlistValue as { values?: { key: string; value: unknown }[] } | null)?.values ?? []
    const result: Record<string, AttributeValue> = {}
    for (const entry of values) result[entry.key] = anyValueToJs(entry.value)
    return result
  }
  if (record.bytesValue !== undefined) return String(record.bytesValue ?? '')
  return null
}

/** Converts a validated key/value list into attributes by replacing each value in place. */
export function normalizeKeyValuesInPlace(list: { key: string; value: unknown }[]): Attribute[] {
  for (const entry of list) entry.value = anyValueToJs(entry.value)
  return list as Attribute[]
}

/** A key/value list into attributes; an absent list is empty and an absent key "" (proto3 JSON leaves out defaults). */
export function keyValuesToAttributes(list: { key?: string; value?: unknown }[] | undefined | null): Attribute[] {
  return (list ?? []).map((entry) => ({ key: entry.key ?? '', value: anyValueToJs(entry.value) }))
}

/** 2, "SPAN_KIND_SERVER", "server" → "server" */
export function normalizeSpanKind(kind: number | string | undefined): SpanKind {
  if (kind === undefined) return 'unspecified'
  if (typeof kind === 'number') return SPAN_KINDS[kind] ?? 'unspecified'
  const name = kind.toLowerCase().replace(/^span_kind_/, '')
  if (/^\d+$/.test(name)) return SPAN_KINDS[Number(name)] ?? 'unspecified'
  return (SPAN_KINDS as readonly string[]).includes(name) ? (name as SpanKind) : 'unspecified'
}

/** 2, "STATUS_CODE_ERROR", "error" → "error" */
export function normalizeStatusCode(code: number | string | undefined): StatusCode {
  if (code === undefined) return 'unset'
  if (typeof code === 'number') return STATUS_CODES[code] ?? 'unset'
  const name = code.toLowerCase().replace(/^status_code_/, '')
  if (/^\d+$/.test(name)) return STATUS_CODES[Number(name)] ?? 'unset'
  return (STATUS_CODES as readonly string[]).includes(name) ? (name as StatusCode) : 'unset'
}

function nanoText(value: string | number | undefined): string {
  if (value === undefined) return '0'
  return typeof value === 'number' ? BigInt(Math.trunc(value)).toString() : value.replace(/^0+(?=\d)/, '')
}

function requireId(raw: string, bytes: 8 | 16, what: string): string {
  const id = normalizeId(raw, bytes)
  if (!id) throw new NormalizeError(`${what} '${raw.slice(0, 40)}' is neither ${bytes * 2} hex digits nor base64 of ${bytes} bytes`)
  return id
}

/** Orders unix ns decimal strings (no leading zeros) without parsing them. */
export function compareNano(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0
}

/** The trace's start (earliest span start) and end (latest span end), never ending before it starts. */
export function traceBounds(spans: readonly { startTimeUnixNano: string; endTimeUnixNano: string }[]): {
  startTimeUnixNano: string
  endTimeUnixNano: string
  durationMs: number
} {
  let start = spans[0]?.startTimeUnixNano ?? '0'
  let end = '0'
  for (const span of spans) {
    if (compareNano(span.startTimeUnixNano, start) < 0) start = span.startTimeUnixNano
    if (compareNano(span.endTimeUnixNano, end) > 0) end = span.endTimeUnixNano
  }
  if (compareNano(end, start) < 0) end = start
  return { startTimeUnixNano: start, endTimeUnixNano: end, durationMs: nanoDiffMs(start, end) }
}

/** The trace's warning for spans that came without a start or an end time (proto3 JSON gateways leave out zeros). */
export function missingTimesWarning(count: number): string {
  return `${count} span${count === 1 ? '' : 's'} came without a start or end time (the source leaves out zero values); taken as 0`
}

/**
 * Groups OTLP resourceSpans by trace and normalises every span; throws NormalizeError on ids that are neither hex nor
 * base64. A span without a start or end time gets 0 for it, and its trace a warning (not an error).
 */
export function otlpToTraces(resourceSpansList: OtlpResourceSpans[], warnings: string[] = []): TraceModel[] {
  const byTrace = new Map<string, { spans: SpanModel[]; resources: Record<string, Attribute[]>; missingTimes: number }>()
  resourceSpansList.forEach((resourceSpans, resourceIndex) => {
    const resourceId = `r${resourceIndex}`
    const resourceAttributes = keyValuesToAttributes(resourceSpans.resource?.attributes)
    const serviceAttribute = resourceAttributes.find((attribute) => attribute.key === 'service.name')?.value
    const serviceName = typeof serviceAttribute === 'string' && serviceAttribute ? serviceAttribute : 'unknown_service'
    const scopeGroups = [
      ...(resourceSpans.scopeSpans ?? []),
      ...(resourceSpans.instrumentationLibrarySpans ?? []).map((group) => ({ ...group, scope: group.scope ?? group.instrumentationLibrary })),
    ]
    for (const group of scopeGroups) {
      const scope = { name: group.scope?.name ?? '', version: group.scope?.version ?? '' }
      for (const span of group.spans ?? []) {
        const traceId = requireId(span.traceId, 16, 'trace id')
        let entry = byTrace.get(traceId)
        if (!entry) {
          entry = { spans: [], resources: {}, missingTimes: 0 }
          byTrace.set(traceId, entry)
        }
        entry.resources[resourceId] = resourceAttributes
        if (span.startTimeUnixNano === undefined || span.endTimeUnixNano === undefined) entry.missingTimes += 1
        const startTimeUnixNano = nanoText(span.startTimeUnixNano)
        const endTimeUnixNano = nanoText(span.endTimeUnixNano)
        const parent = span.parentSpanId ? span.parentSpanId : null
        entry.spans.push({
          spanId: requireId(span.spanId, 8, 'span id'),
          parentSpanId: parent ? requireId(parent, 8, 'parent span id') : null,
          name: span.name ?? '',
          kind: normalizeSpanKind(span.kind),
          startTimeUnixNano,
          endTimeUnixNano,
          durationMs: Math.max(0, nanoDiffMs(startTimeUnixNano, endTimeUnixNano)),
          status: { code: normalizeStatusCode(span.status?.code ?? undefined), message: span.status?.message ?? '' },
          serviceName,
          resourceId,
          scope,
          attributes: keyValuesToAttributes(span.attributes),
          events: (span.events ?? []).map((event) => ({
            timeUnixNano: nanoText(event.timeUnixNano),
            name: event.name ?? '',
            attributes: keyValuesToAttributes(event.attributes),
          })),
          links: (span.links ?? []).map((link) => ({
            traceId: requireId(link.traceId, 16, 'link trace id'),
            spanId: requireId(link.spanId, 8, 'link span id'),
            attributes: keyValuesToAttributes(link.attributes),
          })),
        })
      }
    }
  })
  return [...byTrace.entries()].map(([traceId, entry]) =>
    buildTrace(traceId, entry.spans, entry.resources, entry.missingTimes > 0 ? [...warnings, missingTimesWarning(entry.missingTimes)] : warnings),
  )
}

/** Orders spans by start and computes the trace's bounds. */
export function buildTrace(traceId: string, spans: SpanModel[], resources: Record<string, Attribute[]>, warnings: string[] = []): TraceModel {
  spans.sort((a, b) => compareNano(a.startTimeUnixNano, b.startTimeUnixNano))
  return { traceId, ...traceBounds(spans), resources, spans, warnings }
}

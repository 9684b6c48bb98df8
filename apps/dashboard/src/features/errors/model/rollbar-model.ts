// Rollbar items and occurrences in one model, whether they come from the store's Rollbar-compatible API or Rollbar's own.

export const ROLLBAR_LEVELS = ['debug', 'info', 'warning', 'error', 'critical'] as const
export type RollbarLevel = (typeof ROLLBAR_LEVELS)[number]
export const ROLLBAR_STATUSES = ['active', 'resolved', 'muted', 'archived'] as const
export type RollbarStatus = (typeof ROLLBAR_STATUSES)[number]
export const ITEMS_PAGE_SIZE = 100

export interface RollbarItem {
  id: number
  counter: number
  title: string
  level: RollbarLevel
  status: RollbarStatus | string
  environment: string
  totalOccurrences: number
  firstOccurrenceSec: number
  lastOccurrenceSec: number
}

export interface RollbarItemsPage {
  page: number
  totalCount: number
  pageSize: number
  items: RollbarItem[]
}

export interface StackFrame {
  filename: string
  lineno: number | null
  colno: number | null
  method: string
  code: string | null
  /** lines before and after `code` (the sender's, or the store's from a source map) */
  context?: { pre: string[]; post: string[] }
  /** where the frame was in the minified file, when the store resolved it through a source map */
  minified?: { filename: string; lineno: number | null; colno: number | null }
  /** the payload's own mark (`in_app`), when it has one */
  inApp?: boolean
}

export interface OccurrenceException {
  className: string
  message: string
  frames: StackFrame[]
}

export interface RollbarOccurrence {
  id: number
  itemId: number
  /** the uuid the sender gave it (the value of `rollbar.item.uuid` on its span), or null */
  uuid: string | null
  timestampSec: number
  level: RollbarLevel
  environment: string
  /** lowercase hex, or null when the occurrence carries none */
  traceId: string | null
  spanId: string | null
  sessionId: string | null
  /** innermost first when a chain */
  exceptions: OccurrenceException[]
  message: string | null
  request: Record<string, unknown> | null
  custom: unknown
  platform: string
  codeVersion: string | null
  details: OccurrenceDetails
}

/** One rollbar.js telemetry event (`data.body.telemetry[]`): a breadcrumb before the occurrence. */
export interface TelemetryEvent {
  /** 'network' | 'navigation' | 'dom' | 'log' | 'error' | 'manual', or what the sender chose */
  type: string
  level: string
  source: string
  timestampMs: number
  body: Record<string, unknown>
}

/** Who, where and in what the occurrence happened, as far as the payload says. */
export interface OccurrenceDetails {
  /** oldest first */
  telemetry: TelemetryEvent[]
  /** `data.client.javascript.browser` (a user-agent string) */
  userAgent: string | null
  person: { id: string | null; username: string | null; email: string | null } | null
  /** `userIp` is null when not recorded (rollbar.js sends the literal `$remote_ip` for the server to fill in) */
  request: { url: string | null; method: string | null; userIp: string | null } | null
  server: { host: string | null; codeVersion: string | null } | null
}

export interface TraceLinkedItem {
  itemId: number
  /** the occurrence's uuid: a span's `rollbar.item.uuid` links to the item through it */
  uuid: string | null
  title: string
  level: RollbarLevel
  occurrenceId: number
  spanId: string | null
  timestampSec: number
}

const LEVEL_BY_NUMBER: Record<number, RollbarLevel> = { 10: 'debug', 20: 'info', 30: 'warning', 40: 'error', 50: 'critical' }
const STATUS_BY_NUMBER: Record<number, RollbarStatus> = { 1: 'active', 2: 'resolved', 3: 'muted', 4: 'archived' }

/** 40 | "error" | "ERROR" → "error"; unknown values become "error" (an item is an error unless it says otherwise). */
export function normalizeLevel(level: unknown): RollbarLevel {
  if (typeof level === 'number') return LEVEL_BY_NUMBER[level] ?? 'error'
  if (typeof level === 'string') {
    const name = level.toLowerCase()
    if ((ROLLBAR_LEVELS as readonly string[]).includes(name)) return name as RollbarLevel
    if (/^\d+$/.test(name)) return LEVEL_BY_NUMBER[Number(name)] ?? 'error'
  }
  return 'error'
}

export function normalizeStatus(status: unknown): string {
  if (typeof status === 'number') return STATUS_BY_NUMBER[status] ?? String(status)
  return typeof status === 'string' ? status.toLowerCase() : 'active'
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function hexId(value: unknown, length: 16 | 32): string | null {
  if (typeof value !== 'string') return null
  const text = value.trim().toLowerCase()
  return new RegExp(`^[0-9a-f]{${length}}$`).test(text) && !/^0+$/.test(text) ? text : null
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null
}

/**
 * The trace, span and session an occurrence belongs to: `data.custom.trace_id` (app convention),
 * then `data.attributes[{key:'trace_id'}]` (rollbar.js tracing). Ids that are not hex are ignored.
 */
export function occurrenceTraceLink(data: unknown): { traceId: string | null; spanId: string | null; sessionId: string | null } {
  if (!isObject(data)) return { traceId: null, spanId: null, sessionId: null }
  const custom = isObject(data.custom) ? data.custom : {}
  const attributes = new Map<string, unknown>()
  if (Array.isArray(data.attributes)) {
    for (const attribute of data.attributes) if (isObject(attribute) && typeof attribute.key === 'string') attributes.set(attribute.key, attribute.value)
  }
  return {
    traceId: hexId(custom.trace_id, 32) ?? hexId(attributes.get('trace_id'), 32),
    spanId: hexId(custom.span_id, 16) ?? hexId(attributes.get('span_id'), 16),
    sessionId: textOrNull(custom.session_id) ?? textOrNull(attributes.get('session_id')),
  }
}

const finiteOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((line): line is string => typeof line === 'string') : [])

function toFrame(frame: unknown): StackFrame | null {
  if (!isObject(frame)) return null
  const result: StackFrame = {
    filename: typeof frame.filename === 'string' ? frame.filename : '(unknown file)',
    lineno: finiteOrNull(frame.lineno),
    colno: finiteOrNull(frame.colno),
    method: typeof frame.method === 'string' ? frame.method : '',
    code: typeof frame.code === 'string' ? frame.code : null,
  }
  if (isObject(frame.context)) result.context = { pre: strings(frame.context.pre), post: strings(frame.context.post) }
  if (isObject(frame.minified) && typeof frame.minified.filename === 'string') {
    result.minified = { filename: frame.minified.filename, lineno: finiteOrNull(frame.minified.lineno), colno: finiteOrNull(frame.minified.colno) }
  }
  if (typeof frame.in_app === 'boolean') result.inApp = frame.in_app
  return result
}

function toException(trace: unknown): OccurrenceException | null {
  if (!isObject(trace)) return null
  const exception = isObject(trace.exception) ? trace.exception : {}
  const frames = Array.isArray(trace.frames) ? trace.frames.map(toFrame).filter((frame): frame is StackFrame => frame !== null) : []
  return {
    className: typeof exception.class === 'string' ? exception.class : 'Error',
    message: typeof exception.message === 'string' ? exception.message : '',
    // Rollbar sends frames most-recent-last; show the most recent first
    frames: frames.reverse(),
  }
}

/** One occurrence (an instance from GET /api/1/item/:id/instances) in the dashboard's model. */
export function toOccurrence(instance: { id: number; item_id: number; timestamp: number; data: unknown }): RollbarOccurrence {
  const data = isObject(instance.data) ? instance.data : {}
  const body = isObject(data.body) ? data.body : {}
  const exceptions: OccurrenceException[] = []
  if (Array.isArray(body.trace_chain))
    for (const trace of body.trace_chain) exceptions.push(...[toException(trace)].filter((item): item is OccurrenceException => item !== null))
  else {
    const single = toException(body.trace)
    if (single) exceptions.push(single)
  }
  let message: string | null = null
  if (isObject(body.message)) message = typeof body.message.body === 'string' ? body.message.body : JSON.stringify(body.message.body ?? null)
  return {
    id: instance.id,
    itemId: instance.item_id,
    uuid: textOrNull(data.uuid),
    timestampSec: instance.timestamp,
    level: normalizeLevel(data.level),
    environment: typeof data.environment === 'string' ? data.environment : '',
    ...occurrenceTraceLink(data),
    exceptions,
    message,
    request: isObject(data.request) ? data.request : null,
    custom: data.custom ?? null,
    platform: typeof data.platform === 'string' ? data.platform : '',
    codeVersion: textOrNull(data.code_version),
    details: occurrenceDetails(data),
  }
}

/** What rollbar.js sends in `request.user_ip` when it asks the server to fill in the sender's address. */
export const REMOTE_IP_PLACEHOLDER = '$remote_ip'

function idText(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : textOrNull(value)
}

function toTelemetryEvent(event: unknown): TelemetryEvent | null {
  if (!isObject(event)) return null
  const timestampMs = finiteOrNull(event.timestamp_ms)
  if (timestampMs === null) return null
  return {
    type: typeof event.type === 'string' ? event.type : 'manual',
    level: typeof event.level === 'string' ? event.level : 'info',
    source: typeof event.source === 'string' ? event.source : '',
    timestampMs,
    body: isObject(event.body) ? event.body : {},
  }
}

/** Telemetry, browser, person, request and server of an occurrence's `data`; absent parts are null. */
export function occurrenceDetails(data: unknown): OccurrenceDetails {
  const record = isObject(data) ? data : {}
  const body = isObject(record.body) ? record.body : {}
  const telemetry = (Array.isArray(body.telemetry) ? body.telemetry : [])
    .map(toTelemetryEvent)
    .filter((event): event is TelemetryEvent => event !== null)
    .sort((a, b) => a.timestampMs - b.timestampMs)
  const client = isObject(record.client) ? record.client : {}
  const javascript = isObject(client.javascript) ? client.javascript : {}
  const person = isObject(record.person) ? record.person : null
  const request = isObject(record.request) ? record.request : null
  const server = isObject(record.server) ? record.server : null
  const userIp = request ? textOrNull(request.user_ip) : null
  return {
    telemetry,
    userAgent: textOrNull(javascript.browser),
    person: person ? { id: idText(person.id), username: textOrNull(person.username), email: textOrNull(person.email) } : null,
    request: request ? { url: textOrNull(request.url), method: textOrNull(request.method), userIp: userIp === REMOTE_IP_PLACEHOLDER ? null : userIp } : null,
    server: server ? { host: textOrNull(server.host), codeVersion: textOrNull(server.code_version) } : null,
  }
}

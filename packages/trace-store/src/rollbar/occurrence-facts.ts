import { createHash, randomUUID } from 'node:crypto'

const LEVELS = ['debug', 'info', 'warning', 'error', 'critical'] as const
export type RollbarLevel = (typeof LEVELS)[number]
const MAX_TITLE_LENGTH = 255
/**
 * How far ahead of the store's clock a sender's clock may run. Items are listed by their latest occurrence's
 * timestamp, so a later one (a typo, milliseconds sent as seconds, 1e300) would keep its item on top for good.
 */
export const MAX_TIMESTAMP_AHEAD_SEC = 24 * 60 * 60

type JsonObject = Record<string, unknown>

/** What the store needs from one posted Rollbar payload's `data`, derived the way Rollbar groups items. */
export interface OccurrenceFacts {
  uuid: string
  timestampSec: number
  level: RollbarLevel
  environment: string
  framework: string
  platform: string
  language: string
  title: string
  /** items are grouped by this (with the environment) */
  fingerprint: string
  hash: string
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length > 0 ? value : fallback
}

/** Returns the facts of a payload's `data`, or a message saying why it is not a Rollbar item. */
export function occurrenceFacts(data: unknown, nowSec: number): OccurrenceFacts | string {
  if (!isObject(data)) return "payload must have a 'data' object"
  const body = data.body
  if (!isObject(body)) return 'data.body must be an object'
  const described = describeBody(body)
  if (typeof described === 'string') return described
  const level = LEVELS.includes(data.level as RollbarLevel) ? (data.level as RollbarLevel) : 'error'
  const environment = text(data.environment, 'unknown')
  const fingerprint = typeof data.fingerprint === 'string' && data.fingerprint ? data.fingerprint : described.groupingKey
  const uuid = typeof data.uuid === 'string' && data.uuid ? data.uuid : randomUUID()
  const timestampSec = occurrenceTimestampSec(data.timestamp, nowSec)
  const title = text(data.title, described.title).slice(0, MAX_TITLE_LENGTH)
  return {
    uuid,
    timestampSec,
    level,
    environment,
    framework: text(data.framework, 'unknown'),
    platform: text(data.platform, 'unknown'),
    language: text(data.language, 'unknown'),
    title,
    fingerprint,
    hash: createHash('sha1').update(fingerprint).digest('hex'),
  }
}

/**
 * `data.timestamp` in unix seconds, as Rollbar reads it; the receive time when it is missing, not a number, before
 * 1970 or further ahead than a clock could be wrong by.
 */
function occurrenceTimestampSec(timestamp: unknown, nowSec: number): number {
  if (typeof timestamp !== 'number' || !(timestamp >= 0 && timestamp <= nowSec + MAX_TIMESTAMP_AHEAD_SEC)) return nowSec
  return Math.floor(timestamp)
}

function describeBody(body: JsonObject): { title: string; groupingKey: string } | string {
  const trace = isObject(body.trace) ? body.trace : Array.isArray(body.trace_chain) && isObject(body.trace_chain[0]) ? body.trace_chain[0] : null
  if (trace) {
    const exception = isObject(trace.exception) ? trace.exception : {}
    const errorClass = text(exception.class, 'Error')
    const message = typeof exception.message === 'string' ? exception.message : ''
    return { title: message ? `${errorClass}: ${message}` : errorClass, groupingKey: `exception\n${errorClass}\n${message}` }
  }
  if (isObject(body.message)) {
    const message = typeof body.message.body === 'string' ? body.message.body : JSON.stringify(body.message.body ?? '')
    return { title: message || '(empty message)', groupingKey: `message\n${message}` }
  }
  if (isObject(body.crash_report)) {
    const raw = typeof body.crash_report.raw === 'string' ? (body.crash_report.raw.split('\n', 1)[0] ?? '') : ''
    return { title: raw || 'Crash report', groupingKey: `crash\n${raw}` }
  }
  return "data.body must hold 'trace', 'trace_chain', 'message' or 'crash_report'"
}

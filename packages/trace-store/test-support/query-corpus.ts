// A seeded corpus of spans for custom-query tests, and a reference that answers queries over it in plain JavaScript,
// independently of the store (no SQL, no code shared with the engine): what the engine answers must equal this.

export type RefValue = string | number | boolean

export interface RefSpan {
  traceId: string
  spanId: string
  parentId: string | null
  startMs: number
  durationMs: number
  name: string
  service: string
  kind: number
  statusCode: number
  /** span attributes over resource attributes, as typed values */
  attributes: Map<string, RefValue>
}

/** Deterministic 32-bit generator (mulberry32): the same corpus on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A duration of whole µs in ms as the store computes it from ns: whole ms plus the rest, each exact. */
const msOf = (us: number) => Math.trunc(us / 1000) + (us % 1000) / 1000

const hex = (random: () => number, length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('')

const SERVICES = ['web', 'api', 'db', 'auth'] as const
const ROUTES = ['/api/activities/home', '/api/activities/search', '/api/users/:id', '/login']
const REGIONS = ['eu-west', 'us-east', 'ap-south']
const ENVIRONMENTS: Record<string, string> = { web: 'production', api: 'production', db: 'staging', auth: 'production' }

function otlpValue(value: RefValue): Record<string, unknown> {
  if (typeof value === 'string') return { stringValue: value }
  if (typeof value === 'boolean') return { boolValue: value }
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value }
}

export interface Corpus {
  spans: RefSpan[]
  /** OTLP JSON export requests, one per service and batch, in the order to send them */
  requests: unknown[]
  /** the corpus's time range: whole seconds, every span starts inside */
  startSec: number
  endSec: number
}

/**
 * `traceCount` traces over the hour before `endSec`: web → api → (db, auth) spans, with attributes of several types,
 * a key that is a number on api and a string on web (`app.mixed`), resource attributes, errors and missing keys.
 */
export function makeCorpus(traceCount: number, endSec: number, seed = 7): Corpus {
  const random = generator(seed)
  const startSec = endSec - 3600
  const spans: RefSpan[] = []
  for (let index = 0; index < traceCount; index += 1) {
    const traceId = hex(random, 32)
    const route = ROUTES[Math.floor(random() * ROUTES.length)]!
    const region = REGIONS[Math.floor(random() * REGIONS.length)]!
    const slow = region === 'ap-south' && random() < 0.6
    const rootStartMs = startSec * 1000 + Math.floor(random() * 3_540_000)
    const rootDurationUs = Math.round(((slow ? 400 : 20) + random() * 300) * 1000)
    const failed = random() < 0.1
    const root: RefSpan = {
      traceId,
      spanId: hex(random, 16),
      parentId: null,
      startMs: rootStartMs,
      durationMs: msOf(rootDurationUs),
      name: `GET ${route}`,
      service: 'web',
      kind: 3,
      statusCode: failed ? 2 : 0,
      attributes: new Map<string, RefValue>([
        ['http.route', route],
        ['app.region', region],
        ['app.mixed', `w${index % 4}`],
        ['session.id', `s${Math.floor(random() * 200)}`],
        // a second field of many text values (no draw of the generator: every other value stays as it was)
        ['enduser.id', `u${index % 97}`],
        // a field of one value on every web span (Compare counts it without a histogram)
        ['app.build', 'b42'],
        ['http.response.status_code', failed ? 500 : 200],
      ]),
    }
    const server: RefSpan = {
      traceId,
      spanId: hex(random, 16),
      parentId: root.spanId,
      startMs: rootStartMs + 2,
      durationMs: msOf(Math.max(1000, rootDurationUs - 5000)),
      name: `GET ${route}`,
      service: 'api',
      kind: 2,
      statusCode: failed ? 2 : random() < 0.05 ? 1 : 0,
      attributes: new Map<string, RefValue>([
        ['http.route', route],
        ['app.result_length', Math.floor(random() * 6) * 10],
        ['app.mixed', index % 3],
        ['app.cache_hit', random() < 0.5],
        ['app.ratio', Math.round(random() * 1000) / 1000],
      ]),
    }
    spans.push(root, server)
    if (random() < 0.7) {
      spans.push({
        traceId,
        spanId: hex(random, 16),
        parentId: server.spanId,
        startMs: rootStartMs + 4,
        durationMs: msOf(Math.round(random() * 50_000)),
        name: random() < 0.5 ? 'SELECT activities' : 'SELECT users',
        service: 'db',
        kind: 3,
        statusCode: 0,
        attributes: new Map<string, RefValue>([['db.rows', Math.floor(random() * 100)]]),
      })
    }
    if (random() < 0.3) {
      spans.push({
        traceId,
        spanId: hex(random, 16),
        parentId: server.spanId,
        startMs: rootStartMs + 3,
        durationMs: msOf(1000 + Math.floor(random() * 20) * 1000),
        name: 'verify token',
        service: 'auth',
        kind: 1,
        statusCode: random() < 0.2 ? 2 : 0,
        attributes: new Map<string, RefValue>(random() < 0.5 ? [['app.region', region]] : []),
      })
    }
  }
  // the resource attribute every span of a service shares, as the reference sees it
  for (const span of spans) if (!span.attributes.has('deployment.environment')) span.attributes.set('deployment.environment', ENVIRONMENTS[span.service]!)
  return { spans, requests: toRequests(spans), startSec, endSec }
}

const NS_PER_MS = 1_000_000n

/** ms with up to 3 decimals as ns, exactly. */
function msToNs(ms: number): bigint {
  return BigInt(Math.round(ms * 1000)) * 1000n
}

function toRequests(spans: RefSpan[]): unknown[] {
  const requests: unknown[] = []
  const BATCH = 250
  for (let from = 0; from < spans.length; from += BATCH) {
    for (const service of SERVICES) {
      const batch = spans.slice(from, from + BATCH).filter((span) => span.service === service)
      if (batch.length === 0) continue
      requests.push({
        resourceSpans: [
          {
            resource: {
              attributes: [
                { key: 'service.name', value: { stringValue: service } },
                { key: 'deployment.environment', value: { stringValue: ENVIRONMENTS[service] } },
              ],
            },
            scopeSpans: [
              {
                scope: { name: `${service}-instrumentation`, version: '1.2.3' },
                spans: batch.map((span) => {
                  const startNs = BigInt(span.startMs) * NS_PER_MS
                  return {
                    traceId: span.traceId,
                    spanId: span.spanId,
                    ...(span.parentId ? { parentSpanId: span.parentId } : {}),
                    name: span.name,
                    kind: span.kind,
                    startTimeUnixNano: String(startNs),
                    endTimeUnixNano: String(startNs + msToNs(span.durationMs)),
                    attributes: [...span.attributes]
                      .filter(([key]) => key !== 'deployment.environment')
                      .map(([key, value]) => ({ key, value: otlpValue(value) })),
                    status: { code: span.statusCode },
                  }
                }),
              },
            ],
          },
        ],
      })
    }
  }
  return requests
}

// ---- the reference: plain JavaScript over RefSpans ----

/** A field of a span as the query names it: the intrinsic fields, else the attribute. */
export function fieldOf(span: RefSpan, column: string): RefValue | undefined {
  switch (column) {
    case 'duration_ms':
      return span.durationMs
    case 'name':
      return span.name
    case 'service.name':
      return span.service
    case 'span.kind':
      return ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'][span.kind]
    case 'status_code':
      return span.statusCode
    case 'error':
      return span.statusCode === 2 ? true : undefined
    case 'trace.trace_id':
      return span.traceId
    case 'trace.span_id':
      return span.spanId
    case 'trace.parent_id':
      return span.parentId ?? undefined
    default:
      return span.attributes.get(column)
  }
}

/** Nearest rank: the smallest value with at least q of all values at or below it. */
export function nearestRank(values: number[], quantile: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(sorted.length * quantile) - 1)]!
}

/** Spans starting in [fromSec, toSec) that pass `where`. */
export function select(spans: RefSpan[], fromSec: number, toSec: number, where: (span: RefSpan) => boolean = () => true): RefSpan[] {
  return spans.filter((span) => span.startMs >= fromSec * 1000 && span.startMs < toSec * 1000 && where(span))
}

/** Groups spans by the values of `columns` (absent = null), keyed by their JSON. */
export function groupBy(spans: RefSpan[], columns: string[]): Map<string, RefSpan[]> {
  const groups = new Map<string, RefSpan[]>()
  for (const span of spans) {
    const key = JSON.stringify(columns.map((column) => fieldOf(span, column) ?? null))
    groups.set(key, [...(groups.get(key) ?? []), span])
  }
  return groups
}

export function numbers(spans: RefSpan[], column: string): number[] {
  return spans.map((span) => fieldOf(span, column)).filter((value): value is number => typeof value === 'number')
}

// ---- Compare, as compare-query.ts defines it ----

export interface RefCompareField {
  column: string
  score: number
  values: Map<string, { selected: number; baseline: number }>
}

const COMPARED_INTRINSICS = ['service.name', 'name', 'span.kind', 'status_code', 'library.name']

function libraryOf(span: RefSpan): string {
  return `${span.service}-instrumentation`
}

/**
 * Every field's distance between the selection and the rest of `population`: values as they are (numbers with up to
 * 20 distinct values among all stored spans, text up to 50), else numbers in 10 equal bins over the population's
 * range and text as the 10 values most frequent in the selection and "other"; spans without the field as one more value.
 */
export function referenceCompare(population: RefSpan[], selected: (span: RefSpan) => boolean, allSpans: RefSpan[]): RefCompareField[] {
  const keys = new Set<string>()
  for (const span of population) for (const key of span.attributes.keys()) keys.add(key)
  const columns = [...COMPARED_INTRINSICS, ...[...keys].sort()]
  const totals = { selected: population.filter(selected).length, baseline: population.filter((span) => !selected(span)).length }
  const fields: RefCompareField[] = []
  for (const column of columns) {
    const valueOf = (span: RefSpan) => (column === 'library.name' ? libraryOf(span) : fieldOf(span, column))
    const present = population.filter((span) => valueOf(span) !== undefined)
    if (present.length === 0) continue
    // how many values, and of which types, the field has among all stored spans (not only the population's)
    const stored = allSpans.filter((span) => valueOf(span) !== undefined)
    const types = new Set(stored.map((span) => typeof valueOf(span)))
    const distinct = new Set(stored.map((span) => `${typeof valueOf(span)}:${String(valueOf(span))}`))
    let labelOf: (span: RefSpan) => string
    let top: Set<string> | undefined
    if (types.size === 1 && types.has('number') && distinct.size > 20) {
      const numbersOf = present.map((span) => valueOf(span) as number)
      const low = Math.min(...numbersOf)
      const high = Math.max(...numbersOf)
      labelOf = (span) => String(Math.min(9, Math.floor(((valueOf(span) as number) - low) / ((high - low) / 10))))
    } else if (!(types.size === 1 && types.has('number')) && distinct.size > 50) {
      const counts = new Map<string, { selected: number; baseline: number }>()
      for (const span of present) {
        const entry = counts.get(String(valueOf(span))) ?? { selected: 0, baseline: 0 }
        if (selected(span)) entry.selected += 1
        else entry.baseline += 1
        counts.set(String(valueOf(span)), entry)
      }
      top = new Set(
        [...counts]
          .sort((a, b) => b[1].selected - a[1].selected || b[1].baseline - a[1].baseline || (a[0] < b[0] ? -1 : 1))
          .slice(0, 10)
          .map(([value]) => value),
      )
      labelOf = (span) => (top!.has(String(valueOf(span))) ? String(valueOf(span)) : '(other)')
    } else {
      labelOf = (span) => String(valueOf(span))
    }
    const values = new Map<string, { selected: number; baseline: number }>()
    for (const span of population) {
      const label = valueOf(span) === undefined ? '(missing)' : labelOf(span)
      const entry = values.get(label) ?? { selected: 0, baseline: 0 }
      if (selected(span)) entry.selected += 1
      else entry.baseline += 1
      values.set(label, entry)
    }
    let distance = 0
    for (const entry of values.values()) distance += Math.abs(entry.selected / totals.selected - entry.baseline / totals.baseline)
    values.delete('(missing)')
    values.delete('(other)')
    fields.push({ column, score: Math.round((distance / 2) * 1e9) / 1e9, values })
  }
  return fields.sort((a, b) => b.score - a.score || a.column.localeCompare(b.column))
}

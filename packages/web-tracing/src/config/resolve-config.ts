import type { Attributes } from '@opentelemetry/api'
import { parsePropagationTarget, type ParsedPropagationTarget } from '../propagation/parse-propagation-target.js'
import {
  DEFAULT_ENDPOINT,
  DEFAULT_EXPORT_DELAY_MS,
  DEFAULT_EXPORT_TIMEOUT_MS,
  DEFAULT_MAX_EXPORT_BATCH_SIZE,
  DEFAULT_MAX_QUEUE_SIZE,
  DEFAULT_REDACTED_QUERY_PARAMS,
  DEFAULT_SAMPLE_BY,
  DEFAULT_SAMPLE_RATE,
  DEFAULT_SERVICE_NAME,
  DEFAULT_SESSION_TIMEOUT_MS,
  OTLP_TRACES_PATH,
} from './defaults.js'
import type { MessageKey } from './messages.js'
import { isTraceHeaderFormat, type PropagationFormat } from '../propagation/trace-header-format.js'
import { isRollbarSetup, type RollbarSetup } from '../rollbar/rollbar-setup.js'
import type { PropagationTarget, WebTracingOptions } from './web-tracing-options.js'

export interface ResolvedRollbar {
  setup: RollbarSetup
  /** the item endpoint, absolute */
  endpoint: string
}

export interface ResolvedWebTracingOptions {
  serviceName: string
  serviceVersion: string | undefined
  environment: string | undefined
  resourceAttributes: Attributes
  /** the OTLP base URL as given (normalised, no trailing slash) */
  endpoint: string
  /** `${endpoint}/v1/traces`, or null when the endpoint is unusable (export disabled) */
  tracesUrl: string | null
  headers: Record<string, string>
  propagationTargets: ParsedPropagationTarget[]
  propagationFormats: PropagationFormat[]
  sampleRate: number
  sampleBy: 'trace' | 'session'
  instrumentations: { fetch: boolean; documentLoad: boolean }
  ignoreUrls: (string | RegExp)[]
  redactQueryParams: (string | RegExp)[]
  redactUrl: ((url: string) => string) | undefined
  sessionTimeoutMs: number
  sessionStorage: 'local' | 'session' | 'none'
  exportDelayMs: number
  maxExportBatchSize: number
  maxQueueSize: number
  exportTimeoutMs: number
  rollbar: ResolvedRollbar | null
  debug: boolean
}

export interface ConfigProblem {
  message: MessageKey
  /** which option, for the warning line */
  option: string
}

export interface ResolveConfigResult {
  resolved: ResolvedWebTracingOptions
  problems: ConfigProblem[]
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Applies defaults and normalises the user's options. Pure: it never throws
 * and never logs; each problem found is returned for the caller to report,
 * and the offending option falls back to its default. `baseUrl` (the page's
 * URL) resolves relative endpoints and targets.
 */
export function resolveConfig(input: unknown, baseUrl?: string): ResolveConfigResult {
  const problems: ConfigProblem[] = []
  const report = (message: MessageKey, option: string) => problems.push({ message, option })
  const isObject = isRecord(input)
  const options = (isObject ? input : {}) as Record<string, unknown> & Partial<WebTracingOptions>
  if (!isObject) report('optionsNotObject', 'options')

  /** the value when absent or valid; otherwise the fallback, with a problem reported */
  const pick = <T>(name: string, value: unknown, isValid: (value: unknown) => boolean, fallback: T, message: MessageKey = 'invalidOption'): T => {
    if (value === undefined) return fallback
    if (isValid(value)) return value as T
    report(message, name)
    return fallback
  }
  const isNumber = (min: number) => (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= min
  const isBoolean = (value: unknown) => typeof value === 'boolean'
  const isPatternList = (value: unknown) => Array.isArray(value) && value.every((entry) => typeof entry === 'string' || entry instanceof RegExp)
  const isNonEmptyString = (value: unknown) => typeof value === 'string' && value !== ''

  const rawName = options.serviceName
  const serviceName = typeof rawName === 'string' && rawName.trim() !== '' ? rawName.trim() : DEFAULT_SERVICE_NAME
  if (isObject && serviceName === DEFAULT_SERVICE_NAME && rawName !== DEFAULT_SERVICE_NAME) report('missingServiceName', 'serviceName')

  const { endpoint, tracesUrl } = resolveEndpoint(options.endpoint, baseUrl, problems)

  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(pick<Record<string, unknown>>('headers', options.headers, isRecord, {}))) {
    if (typeof value === 'string') headers[name] = value
  }

  const propagationTargets: ParsedPropagationTarget[] = []
  for (const entry of pick<unknown[]>('propagateTo', options.propagateTo, Array.isArray, [])) {
    const parsed = parsePropagationTarget(entry as PropagationTarget, baseUrl)
    if (!parsed) report('invalidPropagationTarget', 'propagateTo')
    else {
      if (parsed.ignoredQuery) report('propagationTargetWithQuery', 'propagateTo')
      propagationTargets.push(parsed.target)
    }
  }

  const propagationFormats: PropagationFormat[] = []
  const formatName = (format: PropagationFormat) => (format === 'w3c' ? format : format.name)
  for (const format of pick<unknown[]>('propagationFormats', options.propagationFormats, Array.isArray, ['w3c'])) {
    // 'b3' and the like as strings too: the warning says where their values come from
    if (format !== 'w3c' && !isTraceHeaderFormat(format)) report('unknownPropagationFormat', 'propagationFormats')
    else if (!propagationFormats.some((known) => formatName(known) === formatName(format))) propagationFormats.push(format)
  }

  const instrumentations = pick<Record<string, unknown>>('instrumentations', options.instrumentations, isRecord, {})
  const serviceVersion = pick<string | undefined>('serviceVersion', options.serviceVersion, isNonEmptyString, undefined)
  const environment = pick<string | undefined>('environment', options.environment, isNonEmptyString, undefined)

  return {
    resolved: {
      serviceName,
      serviceVersion,
      environment,
      resourceAttributes: { ...pick<Attributes>('resourceAttributes', options.resourceAttributes, isRecord, {}) },
      endpoint,
      tracesUrl,
      headers,
      propagationTargets,
      propagationFormats,
      sampleRate: pick('sampleRate', options.sampleRate, (value) => isNumber(0)(value) && (value as number) <= 1, DEFAULT_SAMPLE_RATE, 'invalidSampleRate'),
      sampleBy: pick<'trace' | 'session'>(
        'sampleBy',
        options.sampleBy,
        (value) => value === 'trace' || value === 'session',
        DEFAULT_SAMPLE_BY,
        'invalidSampleBy',
      ),
      instrumentations: {
        fetch: pick('instrumentations.fetch', instrumentations.fetch, isBoolean, true),
        documentLoad: pick('instrumentations.documentLoad', instrumentations.documentLoad, isBoolean, true),
      },
      ignoreUrls: [...pick<(string | RegExp)[]>('ignoreUrls', options.ignoreUrls, isPatternList, [])],
      redactQueryParams: [...pick<(string | RegExp)[]>('redactQueryParams', options.redactQueryParams, isPatternList, DEFAULT_REDACTED_QUERY_PARAMS)],
      redactUrl: pick<((url: string) => string) | undefined>('redactUrl', options.redactUrl, (value) => typeof value === 'function', undefined),
      sessionTimeoutMs: pick('sessionTimeoutMs', options.sessionTimeoutMs, isNumber(1), DEFAULT_SESSION_TIMEOUT_MS),
      sessionStorage: pick('sessionStorage', options.sessionStorage, (value) => value === 'local' || value === 'session' || value === 'none', 'local'),
      exportDelayMs: pick('exportDelayMs', options.exportDelayMs, isNumber(0), DEFAULT_EXPORT_DELAY_MS),
      maxExportBatchSize: Math.floor(pick('maxExportBatchSize', options.maxExportBatchSize, isNumber(1), DEFAULT_MAX_EXPORT_BATCH_SIZE)),
      maxQueueSize: Math.floor(pick('maxQueueSize', options.maxQueueSize, isNumber(1), DEFAULT_MAX_QUEUE_SIZE)),
      exportTimeoutMs: pick('exportTimeoutMs', options.exportTimeoutMs, isNumber(1), DEFAULT_EXPORT_TIMEOUT_MS),
      rollbar: resolveRollbar(options.rollbar, baseUrl, problems),
      debug: pick('debug', options.debug, isBoolean, false),
    },
    problems,
  }
}

function resolveEndpoint(value: unknown, baseUrl: string | undefined, problems: ConfigProblem[]): { endpoint: string; tracesUrl: string | null } {
  const raw = value === undefined ? DEFAULT_ENDPOINT : value
  if (typeof raw === 'string') {
    try {
      const url = new URL(raw, baseUrl)
      if (url.protocol === 'http:' || url.protocol === 'https:') {
        const endpoint = url.href.replace(/\/+$/, '')
        return { endpoint, tracesUrl: `${endpoint}${OTLP_TRACES_PATH}` }
      }
    } catch {
      // reported below
    }
  }
  problems.push({ message: 'invalidEndpoint', option: 'endpoint' })
  return { endpoint: typeof raw === 'string' ? raw : '', tracesUrl: null }
}

function resolveRollbar(value: unknown, baseUrl: string | undefined, problems: ConfigProblem[]): ResolvedRollbar | null {
  if (value === undefined || value === null || value === false) return null
  if (!isRollbarSetup(value)) {
    // a Rollbar instance or options given directly: the bridge is an opt-in entry now
    problems.push({ message: 'rollbarNeedsBridge', option: 'rollbar' })
    return null
  }
  if (!value.valid) {
    problems.push({ message: 'invalidRollbar', option: 'rollbar' })
    return null
  }
  return { setup: value, endpoint: absoluteUrl(value.endpoint, baseUrl) }
}

function absoluteUrl(value: string, baseUrl: string | undefined): string {
  try {
    return new URL(value, baseUrl).href
  } catch {
    return value
  }
}

/** The resolved config with secrets masked, for `debug: true`. */
export function describeConfig(resolved: ResolvedWebTracingOptions): Record<string, unknown> {
  const mask = (secret: string) => `${secret.slice(0, 2)}****`
  const rollbar = resolved.rollbar
  return {
    ...resolved,
    headers: Object.fromEntries(Object.keys(resolved.headers).map((name) => [name, mask(resolved.headers[name]!)])),
    propagationFormats: resolved.propagationFormats.map((format) => (format === 'w3c' ? format : format.name)),
    rollbar: rollbar && { ...safeDescribe(rollbar.setup), endpoint: rollbar.endpoint },
  }
}

function safeDescribe(setup: RollbarSetup): Record<string, unknown> {
  try {
    return setup.describe()
  } catch {
    return {}
  }
}

import 'server-only'
import { z } from 'zod'
import { parseAllowedHosts, type AllowedHosts } from './allowed-hosts'

export const DEFAULT_STORE_URL = 'http://127.0.0.1:4318'
export const DEFAULT_ROLLBAR_API_URL = 'https://api.rollbar.com'
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()))

const baseUrl = z
  .string()
  .url({ message: 'must be an absolute http(s) URL' })
  .refine((value) => /^https?:\/\//i.test(value), { message: 'must start with http:// or https://' })
  .transform((value) => value.replace(/\/+$/, ''))

const optionalBaseUrl = optionalText.pipe(baseUrl.optional())

const envSchema = z.object({
  SPANLIGHT_STORE_URL: optionalText.pipe(baseUrl.optional()).transform((value) => value ?? DEFAULT_STORE_URL),
  SPANLIGHT_READ_TOKEN: optionalText,
  SPANLIGHT_WRITE_TOKEN: optionalText,
  SPANLIGHT_TRACE_SOURCE: optionalText.pipe(z.enum(['store', 'jaeger', 'tempo'], { message: "must be 'store', 'jaeger' or 'tempo'" }).optional()),
  JAEGER_URL: optionalBaseUrl,
  JAEGER_TOKEN: optionalText,
  TEMPO_URL: optionalBaseUrl,
  TEMPO_TOKEN: optionalText,
  TEMPO_ORG_ID: optionalText,
  ROLLBAR_READ_TOKEN: optionalText,
  ROLLBAR_WRITE_TOKEN: optionalText,
  ROLLBAR_API_URL: optionalText.pipe(baseUrl.optional()).transform((value) => value ?? DEFAULT_ROLLBAR_API_URL),
  SPANLIGHT_UPSTREAM_TIMEOUT_MS: optionalText
    .pipe(z.string().regex(/^\d+$/, { message: 'must be whole milliseconds' }).optional())
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(z.number().min(100, { message: 'must be >= 100' }).max(120_000, { message: 'must be <= 120000' }).optional()),
  SPANLIGHT_DASHBOARD_ALLOWED_HOSTS: optionalText,
  // set by `next start` once it listens (http://<--hostname>:<port>; a wildcard address shows as localhost)
  __NEXT_PRIVATE_ORIGIN: optionalText,
})

export type TraceSourceKind = 'store' | 'jaeger' | 'tempo'

export interface DashboardEnv {
  traceSource: TraceSourceKind
  storeUrl: string
  storeReadToken: string | undefined
  /** the store's write token, for saving and deleting saved queries; when unset, the read token is used */
  storeWriteToken: string | undefined
  jaeger: { url: string; token: string | undefined } | undefined
  tempo: { url: string; token: string | undefined; orgId: string | undefined } | undefined
  rollbar: { kind: 'store'; url: string; token: string | undefined } | { kind: 'rollbar'; url: string; token: string }
  /** for changing an item's status; when unset, the Rollbar read token (or the store's) is used */
  rollbarWriteToken: string | undefined
  timeoutMs: number
  /** Host header names the dashboard answers (src/proxy.ts); anything else gets 403 */
  allowedHosts: AllowedHosts
}

export class EnvError extends Error {
  override name = 'EnvError'
}

/** Validates the environment; throws an EnvError whose message names each bad variable (never its value). */
export function parseEnv(source: Record<string, string | undefined>): DashboardEnv {
  const parsed = envSchema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new EnvError(`invalid dashboard configuration: ${problems.join('; ')}`)
  }
  const env = parsed.data
  let traceSource: TraceSourceKind = env.SPANLIGHT_TRACE_SOURCE ?? 'store'
  if (!env.SPANLIGHT_TRACE_SOURCE) {
    if (env.JAEGER_URL && env.TEMPO_URL) {
      throw new EnvError('invalid dashboard configuration: SPANLIGHT_TRACE_SOURCE: required when both JAEGER_URL and TEMPO_URL are set')
    }
    if (env.JAEGER_URL) traceSource = 'jaeger'
    if (env.TEMPO_URL) traceSource = 'tempo'
  }
  if (traceSource === 'jaeger' && !env.JAEGER_URL)
    throw new EnvError('invalid dashboard configuration: JAEGER_URL: required when SPANLIGHT_TRACE_SOURCE is jaeger')
  if (traceSource === 'tempo' && !env.TEMPO_URL) throw new EnvError('invalid dashboard configuration: TEMPO_URL: required when SPANLIGHT_TRACE_SOURCE is tempo')

  let allowedHosts: AllowedHosts
  try {
    allowedHosts = parseAllowedHosts(env.SPANLIGHT_DASHBOARD_ALLOWED_HOSTS, listenHostOf(env.__NEXT_PRIVATE_ORIGIN))
  } catch (error) {
    throw new EnvError(`invalid dashboard configuration: SPANLIGHT_DASHBOARD_ALLOWED_HOSTS: ${(error as Error).message}`)
  }

  return {
    traceSource,
    storeUrl: env.SPANLIGHT_STORE_URL,
    storeReadToken: env.SPANLIGHT_READ_TOKEN,
    storeWriteToken: env.SPANLIGHT_WRITE_TOKEN,
    jaeger: env.JAEGER_URL ? { url: env.JAEGER_URL, token: env.JAEGER_TOKEN } : undefined,
    tempo: env.TEMPO_URL ? { url: env.TEMPO_URL, token: env.TEMPO_TOKEN, orgId: env.TEMPO_ORG_ID } : undefined,
    rollbar: env.ROLLBAR_READ_TOKEN
      ? { kind: 'rollbar', url: env.ROLLBAR_API_URL, token: env.ROLLBAR_READ_TOKEN }
      : { kind: 'store', url: env.SPANLIGHT_STORE_URL, token: env.SPANLIGHT_READ_TOKEN },
    rollbarWriteToken: env.ROLLBAR_WRITE_TOKEN,
    timeoutMs: env.SPANLIGHT_UPSTREAM_TIMEOUT_MS ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
    allowedHosts,
  }
}

function listenHostOf(origin: string | undefined): string | undefined {
  if (!origin) return undefined
  try {
    return new URL(origin).host
  } catch {
    return undefined
  }
}

let cached: DashboardEnv | undefined

/** The validated environment of this process (parsed once). */
export function getEnv(): DashboardEnv {
  cached ??= parseEnv(process.env)
  return cached
}

/** Every secret value in the configuration, for scrubbing messages. */
export function secretValues(env: DashboardEnv): string[] {
  return [env.storeReadToken, env.storeWriteToken, env.jaeger?.token, env.tempo?.token, env.rollbar.token, env.rollbarWriteToken].filter(
    (value): value is string => Boolean(value),
  )
}

import { z } from 'zod'

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_PORT = 4567
export const DEFAULT_DATABASE_FILE = '.spanlight/demo-api.db'
export const DEFAULT_CORS_ORIGINS = ['http://127.0.0.1:3000', 'http://localhost:3000']
export const DEFAULT_OTLP_ENDPOINT = 'http://127.0.0.1:4318'
/** Not a secret: the local store accepts any token unless it is started with a post token. */
export const DEFAULT_LOCAL_ROLLBAR_TOKEN = 'spanlight-local-demo'
export const DEFAULT_ROLLBAR_ENVIRONMENT = 'development'
/** Where the `rollbar` package posts when no endpoint is given. */
export const ROLLBAR_CLOUD_ENDPOINT = 'https://api.rollbar.com/api/1/'
export const IN_MEMORY = ':memory:'

export interface DemoApiConfig {
  host: string
  /** 0 picks a free port (the server prints the one it got) */
  port: number
  /** SQLite file, created and seeded when missing; ':memory:' for a fresh seeded database per start */
  databaseFile: string
  /** browser origins allowed by CORS */
  corsOrigins: string[]
  /** base URL of the OTLP/HTTP receiver; spans go to `${otlpEndpoint}/v1/traces` */
  otlpEndpoint: string
  rollbar: {
    accessToken: string
    /** undefined means Rollbar's own API (only when a real token is configured) */
    endpoint: string | undefined
    environment: string
  }
}

/** Environment variables this app reads, with their defaults. */
const envSchema = z.object({
  DEMO_API_HOST: z.string().min(1).default(DEFAULT_HOST),
  DEMO_API_PORT: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(0, { message: 'must be between 0 and 65535' })
    .max(65535, { message: 'must be between 0 and 65535' })
    .default(DEFAULT_PORT),
  DEMO_API_DATABASE_FILE: z.string().min(1).default(DEFAULT_DATABASE_FILE),
  DEMO_API_CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ message: 'must be a comma-separated list of origins like http://localhost:3000' })).min(1))
    .default(DEFAULT_CORS_ORIGINS),
  SPANLIGHT_OTLP_ENDPOINT: z.url({ message: 'must be a URL like http://127.0.0.1:4318' }).default(DEFAULT_OTLP_ENDPOINT),
  ROLLBAR_ACCESS_TOKEN: z.string().min(1).optional(),
  ROLLBAR_ENDPOINT: z.url({ message: 'must be a URL like http://127.0.0.1:4318/api/1/' }).optional(),
  ROLLBAR_ENVIRONMENT: z.string().min(1).default(DEFAULT_ROLLBAR_ENVIRONMENT),
})

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

/** Reads the configuration from the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): DemoApiConfig {
  // An empty variable counts as unset, as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`)
  }
  const values = parsed.data
  const otlpEndpoint = withoutTrailingSlash(values.SPANLIGHT_OTLP_ENDPOINT)
  const realToken = values.ROLLBAR_ACCESS_TOKEN
  return {
    host: values.DEMO_API_HOST,
    port: values.DEMO_API_PORT,
    databaseFile: values.DEMO_API_DATABASE_FILE,
    corsOrigins: values.DEMO_API_CORS_ORIGINS,
    otlpEndpoint,
    rollbar: {
      accessToken: realToken ?? DEFAULT_LOCAL_ROLLBAR_TOKEN,
      // Without a real token, errors go to the local store's Rollbar-compatible API.
      endpoint: values.ROLLBAR_ENDPOINT ?? (realToken ? undefined : `${otlpEndpoint}/api/1/`),
      environment: values.ROLLBAR_ENVIRONMENT,
    },
  }
}

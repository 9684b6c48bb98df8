import 'server-only'
import { getEnv } from './env'

/** Validates the environment at server start; exits with a message naming the bad variable (never its value). */
export function checkEnvAtBoot(): void {
  try {
    const env = getEnv()
    const traces = env.traceSource === 'store' ? 'the trace store' : env.traceSource === 'jaeger' ? 'Jaeger' : 'Tempo'
    console.log(`[dashboard] traces from ${traces}, Rollbar items from ${env.rollbar.kind === 'rollbar' ? 'Rollbar' : "the trace store's Rollbar API"}`)
  } catch (error) {
    console.error(`[dashboard] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}

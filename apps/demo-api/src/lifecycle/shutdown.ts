/**
 * One orderly, bounded shutdown for the whole process. The server registers
 * its steps (stop accepting requests, close the database, flush Rollbar) and
 * src/instrumentation.ts registers the telemetry flush, which runs last so the
 * spans of the final requests are exported too.
 */

/** Steps run stage by stage; the steps of one stage run together. */
export type ShutdownStage = 'requests' | 'resources' | 'telemetry'
const STAGES: ShutdownStage[] = ['requests', 'resources', 'telemetry']

/** Past this the process exits even if a step still hangs (e.g. an export to a collector that is down). */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 3000

interface ShutdownStep {
  name: string
  stage: ShutdownStage
  run: () => Promise<void> | void
}

const steps: ShutdownStep[] = []
let signalsHandled = false
let running: Promise<void> | null = null

export function onShutdown(name: string, stage: ShutdownStage, run: () => Promise<void> | void): void {
  steps.push({ name, stage, run })
}

/** Runs every registered step once, in stage order; never rejects. */
export function runShutdown(log: (message: string) => void = console.error): Promise<void> {
  running ??= (async () => {
    for (const stage of STAGES) {
      await Promise.all(
        steps
          .filter((step) => step.stage === stage)
          .map(async (step) => {
            try {
              await step.run()
            } catch (error) {
              log(`[demo-api] shutdown step "${step.name}" failed: ${error instanceof Error ? error.message : String(error)}`)
            }
          }),
      )
    }
  })()
  return running
}

/** On SIGINT/SIGTERM: runs the shutdown, then exits with 0; exits anyway after timeoutMs. Safe to call twice. */
export function handleShutdownSignals(timeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS): void {
  if (signalsHandled) return
  signalsHandled = true
  const stop = () => {
    setTimeout(() => {
      console.error(`[demo-api] shutdown took more than ${timeoutMs} ms; exiting anyway`)
      process.exit(0)
    }, timeoutMs).unref()
    void runShutdown().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** Resolves after ms, or when the promise settles, whichever comes first; the promise's failure is swallowed. */
export async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    promise.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms)
      timer.unref()
    }),
  ])
  clearTimeout(timer)
}

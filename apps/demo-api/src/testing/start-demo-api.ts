import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url))
export const INSTRUMENTATION_FILE = `${DIST_DIR}instrumentation.js`
export const SERVER_FILE = `${DIST_DIR}server.js`
const LISTENING_LINE = /demo-api listening on (http:\/\/\S+)/
const START_TIMEOUT_MS = 15_000

export interface RunningDemoApi {
  url: string
  child: ChildProcess
  /** everything the process printed so far */
  output(): string
  /** sends SIGTERM and resolves with how long the process took to exit */
  stop(): Promise<{ durationMs: number; exitCode: number | null }>
}

/**
 * Starts the built API the way `npm start` does (node --import the
 * instrumentation, then the server) on a free port, with an in-memory database.
 */
export async function startDemoApi(env: Record<string, string>): Promise<RunningDemoApi> {
  if (!existsSync(INSTRUMENTATION_FILE) || !existsSync(SERVER_FILE)) {
    throw new Error(`${SERVER_FILE} is missing: build first (tsc -b from the repository root)`)
  }
  const child = spawn(process.execPath, ['--import', INSTRUMENTATION_FILE, SERVER_FILE], {
    env: { ...process.env, DEMO_API_PORT: '0', DEMO_API_DATABASE_FILE: ':memory:', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let exited = false
  // 'close' comes after the output streams ended, so the output is complete then
  const exit = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      exited = true
      resolve(code)
    }),
  )
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`demo API did not start within ${START_TIMEOUT_MS} ms:\n${output}`))
    }, START_TIMEOUT_MS)
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString()
      const match = LISTENING_LINE.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout!.on('data', onOutput)
    child.stderr!.on('data', onOutput)
    void exit.then((code) => {
      clearTimeout(timer)
      reject(new Error(`demo API exited early (${code}):\n${output}`))
    })
  })
  return {
    url,
    child,
    output: () => output,
    async stop() {
      const startedAt = Date.now()
      if (!exited) child.kill('SIGTERM')
      const exitCode = await exit
      return { durationMs: Date.now() - startedAt, exitCode }
    },
  }
}

import { spawn } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli.js')

function runCli(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  return { child, output: () => output }
}

async function waitForOutput(run: ReturnType<typeof runCli>, pattern: RegExp): Promise<RegExpMatchArray> {
  for (;;) {
    const match = run.output().match(pattern)
    if (match) return match
    if (run.child.exitCode !== null) throw new Error(`cli exited early: ${run.output()}`)
    await once(run.child.stdout, 'data')
  }
}

// Runs the built CLI (`tsc -b` runs before the tests).
describe('spanlight-store CLI', () => {
  it('prints its help and exits 0', async () => {
    const run = runCli(['--help'])
    const [code] = await once(run.child, 'exit')
    expect(code).toBe(0)
    expect(run.output()).toContain('--retention-age <duration>')
  })

  it('exits 2 with a message for an unknown option', async () => {
    const run = runCli(['--bogus'])
    const [code] = await once(run.child, 'exit')
    expect(code).toBe(2)
    expect(run.output()).toMatch(/Unknown option '--bogus'/)
  })

  it('starts, serves, and shuts down on SIGTERM with exit code 0', async () => {
    const run = runCli(['--memory', '--port', '0'])
    const [, url] = await waitForOutput(run, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
    const health = await fetch(`${url}/health`)
    expect(health.status).toBe(200)
    run.child.kill('SIGTERM')
    const [code] = await once(run.child, 'exit')
    expect(code).toBe(0)
  })
})

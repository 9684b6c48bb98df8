import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { makeRequest, makeSpan, newTraceId } from '../test-support/otlp-builders.js'

// The CLI's source, run through tsx: the test checks the code next to it, never the last build.
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url))
const TSX = import.meta.resolve('tsx')

function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
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

  it('exits 0 on SIGTERM with appends queued for the query index, and rebuilds the index from the file at the next start', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'spanlight-cli-index-'))
    const databaseFile = path.join(directory, 'store.db')
    const nowNs = BigInt(Date.now()) * 1_000_000n
    const bodies = Array.from({ length: 20 }, () =>
      JSON.stringify(
        makeRequest(
          'cli',
          Array.from({ length: 500 }, () => makeSpan({ startTimeUnixNano: String(nowNs - 5_000_000_000n), endTimeUnixNano: String(nowNs) })),
        ),
      ),
    )
    const count = async (url: string) =>
      (
        (await (await fetch(`${url}/api/query`, { method: 'POST', body: JSON.stringify({ time_range: 600 }) })).json()) as {
          data: { results: { data: { COUNT: number } }[] }
        }
      ).data.results[0]!.data.COUNT
    try {
      const first = runCli(['--db', databaseFile, '--port', '0'])
      const [, url] = await waitForOutput(first, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
      for (const body of bodies)
        expect((await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(200)
      // at once, with appends still queued for the index: ending its thread under DuckDB once aborted the process
      first.child.kill('SIGTERM')
      const [code, signal] = await once(first.child, 'exit')
      expect({ code, signal, output: first.output().includes('terminate called') }).toEqual({ code: 0, signal: null, output: false })

      const second = runCli(['--db', databaseFile, '--port', '0'])
      const [, secondUrl] = await waitForOutput(second, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
      const spans = await count(secondUrl!)
      second.child.kill('SIGTERM')
      expect((await once(second.child, 'exit'))[0]).toBe(0)
      expect(spans).toBe(20 * 500)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })

  it('stores concurrent exports in a database file and reads them back after a restart', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'spanlight-cli-'))
    const databaseFile = path.join(directory, 'store.db')
    const traceIds = [newTraceId(), newTraceId(), newTraceId()]
    try {
      const first = runCli(['--db', databaseFile, '--port', '0', '--retention-age', '0'])
      const [, url] = await waitForOutput(first, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
      const responses = await Promise.all(
        traceIds.map((traceId) =>
          fetch(`${url}/v1/traces`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(makeRequest('cli', [makeSpan({ traceId }), makeSpan({ traceId })])),
          }),
        ),
      )
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200])
      const malformed = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })
      expect(malformed.status).toBe(400)
      first.child.kill('SIGTERM')
      expect((await once(first.child, 'exit'))[0]).toBe(0)

      const second = runCli(['--db', databaseFile, '--port', '0', '--retention-age', '0'])
      const [, secondUrl] = await waitForOutput(second, /listening on (http:\/\/127\.0\.0\.1:\d+)/)
      const counts = await Promise.all(
        traceIds.map(async (traceId) => ((await (await fetch(`${secondUrl}/api/traces/${traceId}`)).json()) as { spans: unknown[] }).spans.length),
      )
      second.child.kill('SIGTERM')
      await once(second.child, 'exit')
      expect(counts).toEqual([2, 2, 2])
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})

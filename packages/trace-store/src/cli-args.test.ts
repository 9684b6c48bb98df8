import { describe, expect, it } from 'vitest'
import { CliUsageError, parseCliArgs, parseDurationMs, parseSizeBytes } from './cli-args.js'

describe('parseCliArgs', () => {
  it('maps every option to store options', () => {
    const command = parseCliArgs(
      [
        '--host',
        '0.0.0.0',
        '--port',
        '4400',
        '--db',
        'x.db',
        '--max-body',
        '5MiB',
        '--max-ingests',
        '8',
        '--max-in-flight',
        '40MiB',
        '--retention-age',
        '24h',
        '--retention-spans',
        '1000',
        '--retention-rollbar',
        '500',
        '--cors-origin',
        'https://a.example',
        '--cors-origin',
        'https://b.example',
        '--allowed-host',
        'trace-store',
        '--allowed-host',
        'devbox.local',
      ],
      {},
    )
    expect(command).toEqual({
      help: false,
      options: {
        host: '0.0.0.0',
        port: 4400,
        databaseFile: 'x.db',
        maxBodyBytes: 5 * 1024 * 1024,
        maxConcurrentIngests: 8,
        maxInFlightBodyBytes: 40 * 1024 * 1024,
        retentionMaxAgeMs: 86_400_000,
        retentionMaxSpans: 1000,
        retentionMaxRollbarOccurrences: 500,
        corsOrigins: ['https://a.example', 'https://b.example'],
        allowedHosts: ['trace-store', 'devbox.local'],
      },
    })
  })

  it('takes secrets from the environment only', () => {
    const command = parseCliArgs(['--ingest-token-header', 'x-key'], {
      SPANLIGHT_INGEST_TOKEN: 'i',
      SPANLIGHT_READ_TOKEN: 'r',
      SPANLIGHT_ROLLBAR_POST_TOKEN: 'p',
      SPANLIGHT_WRITE_TOKEN: 'w',
    })
    expect(command).toEqual({
      help: false,
      options: { ingestToken: { header: 'x-key', value: 'i' }, readToken: 'r', rollbarPostToken: 'p', writeToken: 'w' },
    })
  })

  it('turns the query index off with --no-query-index', () => {
    expect(parseCliArgs(['--no-query-index'], {})).toEqual({ help: false, options: { queryIndex: false } })
    expect(parseCliArgs([], {})).toEqual({ help: false, options: {} })
  })

  it('uses an in-memory database with --memory and refuses it together with --db', () => {
    expect(parseCliArgs(['--memory'], {})).toEqual({ help: false, options: { databaseFile: ':memory:' } })
    expect(() => parseCliArgs(['--memory', '--db', 'x.db'], {})).toThrow('--memory and --db cannot be used together')
  })

  it('explains unknown options and bad values', () => {
    expect(() => parseCliArgs(['--colour'], {})).toThrow(CliUsageError)
    expect(() => parseCliArgs(['--port', '99999'], {})).toThrow("--port: '99999' must be a whole number up to 65535")
    expect(() => parseCliArgs(['--retention-age', 'forever'], {})).toThrow("--retention-age: 'forever' is not a duration like 90s, 24h or 7d")
  })

  it('refuses an ingest budget smaller than one body', () => {
    expect(() => parseCliArgs(['--max-in-flight', '10MiB'], {})).toThrow('--max-in-flight: 10485760 bytes is less than --max-body (20971520 bytes)')
    expect(() => parseCliArgs(['--max-body', '1MiB', '--max-in-flight', '2MiB'], {})).not.toThrow()
  })

  it("turns off the Host check with --allowed-host '*'", () => {
    expect(parseCliArgs(['--allowed-host', 'a.example', '--allowed-host', '*'], {})).toEqual({ help: false, options: { allowedHosts: '*' } })
  })

  it('takes --source-map-origin as a list of origins and refuses anything else', () => {
    const command = parseCliArgs(['--source-map-origin', 'http://127.0.0.1:3000/', '--source-map-origin', 'https://app.local'], {})
    expect(command).toEqual({ help: false, options: { sourceMapOrigins: ['http://127.0.0.1:3000', 'https://app.local'] } })
    expect(() => parseCliArgs(['--source-map-origin', 'http://127.0.0.1:3000/assets'], {})).toThrow(
      "--source-map-origin: 'http://127.0.0.1:3000/assets' is not an http(s) origin like http://127.0.0.1:3000",
    )
    expect(() => parseCliArgs(['--source-map-origin', 'file:///etc'], {})).toThrow(CliUsageError)
  })

  it('recognises --help', () => {
    expect(parseCliArgs(['-h'], {})).toEqual({ help: true })
  })
})

describe('units', () => {
  it('reads durations and sizes', () => {
    expect(parseDurationMs('90s', 'x')).toBe(90_000)
    expect(parseDurationMs('7d', 'x')).toBe(604_800_000)
    expect(parseDurationMs('0', 'x')).toBe(0)
    expect(parseSizeBytes('512KiB', 'x')).toBe(524_288)
    expect(parseSizeBytes('100', 'x')).toBe(100)
  })
})

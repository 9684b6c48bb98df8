#!/usr/bin/env node
import { CliUsageError, HELP_TEXT, parseCliArgs } from './cli-args.js'
import { createTraceStore } from './create-trace-store.js'

async function main(): Promise<void> {
  let command
  try {
    command = parseCliArgs(process.argv.slice(2), process.env)
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error
    console.error(`spanlight-store: ${error.message}\nRun 'spanlight-store --help' for the options.`)
    process.exit(2)
  }
  if (command.help) {
    process.stdout.write(HELP_TEXT)
    return
  }
  let store
  try {
    store = await createTraceStore(command.options)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'EADDRINUSE' ? 'the port is already in use (another store running? pick one with --port)' : (error as Error).message
    console.error(`spanlight-store: could not start: ${reason}`)
    process.exit(1)
  }
  console.log(`[spanlight-store] listening on ${store.url} (database: ${store.options.databaseFile})`)
  console.log(`[spanlight-store] OTLP/HTTP: ${store.url}/v1/traces  query API: ${store.url}/api/traces  Rollbar API: ${store.url}/api/1/`)

  const shutdown = (signal: string) => {
    console.log(`[spanlight-store] ${signal}: closing`)
    store.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
}

void main()

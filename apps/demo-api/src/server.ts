/**
 * Starts the demo API:
 *   node --import ./dist/instrumentation.js ./dist/server.js
 * Prints `demo-api listening on <url>` once it accepts requests.
 */
import type { AddressInfo } from 'node:net'
import { ConfigError, loadConfig } from './config/load-config.js'
import { openDatabase } from './db/open-database.js'
import { createRollbarReporter } from './errors/error-reporter.js'
import { createApp } from './http/create-app.js'
import { handleShutdownSignals, onShutdown } from './lifecycle/shutdown.js'

/** Requests still running at shutdown get this long before their sockets are cut. */
export const REQUEST_DRAIN_MS = 1000
/** Reports still queued at shutdown get this long to be sent. */
export const REPORT_FLUSH_MS = 1000

function start(): void {
  const config = loadConfig()
  const db = openDatabase(config.databaseFile)
  const reporter = createRollbarReporter(config.rollbar)
  const app = createApp({ db, reporter, corsOrigins: config.corsOrigins })

  const server = app.listen(config.port, config.host, (error?: Error) => {
    if (error) {
      console.error(`[demo-api] cannot listen on ${config.host}:${config.port}: ${error.message}`)
      process.exit(1)
    }
    const { port } = server.address() as AddressInfo
    console.log(`demo-api listening on http://${config.host}:${port}`)
  })

  onShutdown('http server', 'requests', () => {
    return new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeIdleConnections()
      setTimeout(() => server.closeAllConnections(), REQUEST_DRAIN_MS).unref()
    })
  })
  onShutdown('rollbar', 'resources', () => {
    return new Promise<void>((resolve) => {
      setTimeout(resolve, REPORT_FLUSH_MS).unref()
      void reporter.flush().then(resolve)
    })
  })
  onShutdown('database', 'resources', () => db.close())
  handleShutdownSignals()
}

try {
  start()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(`[demo-api] ${error.message}`)
  process.exit(1)
}

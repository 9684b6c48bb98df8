// `npm start [-- --store-port N --api-port N --web-port N --dashboard-port N]`: installs what is needed, builds what
// changed, starts every Spanlight service wired to the others' ports, prints the URLs once every service answers,
// and stops them all on Ctrl-C. The ports also come from SPANLIGHT_*_PORT (see start-options.mjs).
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import net from 'node:net'
import path from 'node:path'
import { log, ROOT_DIR } from './bootstrap.mjs'
import { parseStartArgs, portInUseMessage, PORTS, spaBuildEnv, START_HELP, StartUsageError, startServices } from './start-options.mjs'

const READY_TIMEOUT_MS = 60_000
const READY_POLL_MS = 200
const startedAt = performance.now()

let parsed
try {
  parsed = parseStartArgs(process.argv.slice(2), process.env)
} catch (error) {
  if (!(error instanceof StartUsageError)) throw error
  log(error.message)
  console.log(`\n${START_HELP}`)
  process.exit(2)
}
if (parsed.help) {
  console.log(START_HELP)
  process.exit(0)
}
const { ports } = parsed

/** Resolves to the error code of listening on the port (EADDRINUSE when taken), or undefined when it is free. */
function tryListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', (error) => resolve(error.code ?? error.message))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(undefined)))
  })
}

// Before the install and build, so a taken port is reported at once, with the option that moves the service.
for (const port of PORTS) {
  const problem = await tryListen(ports[port.key])
  if (problem === 'EADDRINUSE') {
    log(portInUseMessage(port.key, ports))
    process.exit(1)
  }
  if (problem) {
    log(`cannot listen on port ${ports[port.key]} for the ${port.name} (${problem}); pick another with --${port.option}`)
    process.exit(1)
  }
}

let stopping = false
/** The install-and-build step while it runs; then `children`, the services. */
let preparing
const children = []

function stopAll(exitCode) {
  if (stopping) return
  stopping = true
  if (preparing && preparing.exitCode === null && preparing.signalCode === null) {
    // It has its own process group: this ends pnpm, vite and next as well.
    preparing.once('exit', () => process.exit(exitCode))
    process.kill(-preparing.pid, 'SIGTERM')
    setTimeout(() => process.exit(exitCode), 5000).unref()
    return
  }
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null)
  let remaining = running.length
  if (remaining === 0) process.exit(exitCode)
  for (const child of running) {
    child.once('exit', () => {
      remaining -= 1
      if (remaining === 0) process.exit(exitCode)
    })
    child.kill('SIGTERM')
  }
  setTimeout(() => {
    for (const child of running) child.kill('SIGKILL')
    process.exit(exitCode)
  }, 5000).unref()
}

process.on('SIGINT', () => stopAll(0))
process.on('SIGTERM', () => stopAll(0))

// `npm start` runs this under `sh -c`, and a SIGTERM sent to npm alone (a process manager, `timeout`) ends that shell
// without reaching this process: once the parent is gone (this process is re-parented), stop everything too.
const parentPid = process.ppid
setInterval(() => {
  if (process.ppid !== parentPid) stopAll(0)
}, 1000).unref()

// The install and builds run in a child process with its own process group, so that a stop during a long first
// build ends them (run synchronously here, they left this process deaf to signals until they were done).
preparing = spawn(process.execPath, [path.join(ROOT_DIR, 'scripts/ready.mjs'), '--build'], {
  env: spaBuildEnv(process.env, ports),
  stdio: 'inherit',
  detached: true,
})
const [prepareCode] = await once(preparing, 'exit')
if (stopping) await new Promise(() => {}) // stopAll exits once the group is gone
if (prepareCode !== 0) process.exit(prepareCode ?? 1)

const services = startServices(ports, ROOT_DIR, process.execPath)
for (const service of services) {
  const child = spawn(service.command[0], service.command.slice(1), {
    cwd: service.cwd,
    env: { ...process.env, ...service.env },
    stdio: 'inherit',
  })
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${service.name} exited (${signal ?? code}); stopping everything`)
      stopAll(code || 1)
    }
  })
  children.push(child)
}

/** Resolves once the service's URL answers with a status below 500; throws after READY_TIMEOUT_MS. */
async function waitUntilAnswering(service) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  for (;;) {
    try {
      const response = await fetch(service.readyUrl, { signal: AbortSignal.timeout(2000) })
      await response.body?.cancel()
      if (response.status < 500) return
    } catch {
      // not listening yet
    }
    if (stopping) return
    if (Date.now() > deadline) throw new Error(`the ${service.name} did not answer at ${service.readyUrl} within ${READY_TIMEOUT_MS / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS))
  }
}

try {
  await Promise.all(services.map(waitUntilAnswering))
} catch (error) {
  log(`${error.message}; stopping everything`)
  stopAll(1)
}
if (!stopping) {
  log(`Spanlight is running (ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s):`)
  for (const service of services) log(`  ${service.name.padEnd(12)} ${service.url}`)
  log('Press Ctrl-C to stop.')
}

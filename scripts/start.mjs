// `npm start`: installs what is needed, starts every Spanlight service on
// the embedded defaults and stops them all on Ctrl-C.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { log, prepareWorkspace, ROOT_DIR } from './bootstrap.mjs'

prepareWorkspace()

const services = [
  {
    name: 'trace store',
    command: [process.execPath, path.join(ROOT_DIR, 'packages/trace-store/dist/cli.js')],
    url: 'http://127.0.0.1:4318',
  },
  {
    name: 'demo API',
    command: [
      process.execPath,
      '--import',
      path.join(ROOT_DIR, 'apps/demo-api/dist/instrumentation.js'),
      path.join(ROOT_DIR, 'apps/demo-api/dist/server.js'),
    ],
    url: 'http://127.0.0.1:4567',
  },
  {
    name: 'demo SPA',
    command: [process.execPath, path.join(ROOT_DIR, 'apps/demo-web/node_modules/vite/bin/vite.js'), 'preview', '--host', '127.0.0.1', '--port', '3000', '--strictPort'],
    cwd: path.join(ROOT_DIR, 'apps/demo-web'),
    url: 'http://127.0.0.1:3000',
  },
  {
    name: 'dashboard',
    command: [process.execPath, path.join(ROOT_DIR, 'apps/dashboard/node_modules/next/dist/bin/next'), 'start', '--hostname', '127.0.0.1', '--port', '3300'],
    cwd: path.join(ROOT_DIR, 'apps/dashboard'),
    url: 'http://127.0.0.1:3300',
  },
]

const children = services.map((service) => {
  const child = spawn(service.command[0], service.command.slice(1), { cwd: service.cwd ?? ROOT_DIR, stdio: 'inherit' })
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${service.name} exited (${signal ?? code}); stopping everything`)
      stopAll(code ?? 1)
    }
  })
  return child
})

log('Spanlight is running:')
for (const service of services) log(`  ${service.name.padEnd(12)} ${service.url}`)
log('Press Ctrl-C to stop.')

let stopping = false
function stopAll(exitCode) {
  if (stopping) return
  stopping = true
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
// without reaching this process: once the parent is gone (this process is re-parented), stop the services too.
const parentPid = process.ppid
setInterval(() => {
  if (process.ppid !== parentPid) stopAll(0)
}, 1000).unref()

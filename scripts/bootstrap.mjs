// Makes a fresh machine with only Node and npm ready to run Spanlight:
// a pinned pnpm under .tools/, the workspace install (native build included)
// and the TypeScript build. Each step is cheap when already done.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const MIN_NODE = [20, 19]

const rootPackage = JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8'))
const PNPM_VERSION = rootPackage.packageManager.replace(/^pnpm@/, '')
const PNPM_DIR = path.join(ROOT_DIR, '.tools', `pnpm-${PNPM_VERSION}`)
const PNPM_BIN = path.join(PNPM_DIR, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')
// A `pnpm` command on PATH for package scripts that call pnpm themselves.
const TOOLS_BIN_DIR = path.join(ROOT_DIR, '.tools', 'bin')

export function log(message) {
  console.log(`\x1b[36m[spanlight]\x1b[0m ${message}`)
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT_DIR, env: buildEnv(), ...options })
  if (result.error) throw result.error
  return result.status ?? 1
}

export function runOrExit(command, args, options) {
  const status = run(command, args, options)
  if (status !== 0) {
    log(`failed: ${command} ${args.join(' ')} (exit ${status})`)
    process.exit(status)
  }
}

function buildEnv() {
  // pnpm does not hand npm's nodedir to install scripts; without it
  // node-gyp tries to download Node headers, which this network forbids.
  const nodeDir = path.resolve(process.execPath, '..', '..')
  return {
    ...process.env,
    PATH: `${TOOLS_BIN_DIR}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
    npm_config_update_notifier: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
  }
}

function checkNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number)
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    log(`Node ${process.versions.node} is too old: Spanlight needs Node >= ${MIN_NODE.join('.')}.`)
    process.exit(1)
  }
}

function ensurePnpm() {
  if (!existsSync(PNPM_BIN)) {
    log(`installing pnpm ${PNPM_VERSION} into .tools/`)
    runOrExit('npm', ['install', '--prefix', PNPM_DIR, '--no-audit', '--no-fund', '--no-save', `pnpm@${PNPM_VERSION}`])
  }
  mkdirSync(TOOLS_BIN_DIR, { recursive: true })
  const shim = path.join(TOOLS_BIN_DIR, 'pnpm')
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${PNPM_BIN}" "$@"\n`)
  chmodSync(shim, 0o755)
}

export function pnpm(args, options) {
  return run(process.execPath, [PNPM_BIN, ...args], options)
}

export function pnpmOrExit(args, options) {
  const status = pnpm(args, options)
  if (status !== 0) {
    log(`failed: pnpm ${args.join(' ')} (exit ${status})`)
    process.exit(status)
  }
}

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Browser tests use Debian's Chromium; it is installed with apt when missing (never a downloaded browser build). */
export function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return
  if (process.getuid?.() !== 0) {
    log(`${CHROMIUM_PATH} is missing; install Debian's chromium package (apt-get install chromium) and run again`)
    process.exit(1)
  }
  log('installing Debian chromium for the browser tests')
  runOrExit('apt-get', ['update', '-qq'])
  runOrExit('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
}

export function prepareWorkspace() {
  checkNodeVersion()
  ensurePnpm()
  log('installing dependencies')
  pnpmOrExit(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only'])
  log('building')
  pnpmOrExit(['run', 'build'])
}

// Makes a fresh machine with only Node and npm ready to run Spanlight:
// a pinned pnpm under .tools/, the workspace install (native build included)
// and the builds. Each step is skipped when what it makes is current.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BUILD_KEY_FILE, computeBuildKey, readStoredKey, rebuildReason } from './build-key.mjs'

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

/** Runs a command in the workspace: `.tools/bin` on PATH, `options.env` (default process.env) plus the settings below. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT_DIR, ...options, env: buildEnv(options.env ?? process.env) })
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

function buildEnv(env) {
  // pnpm does not hand npm's nodedir to install scripts; without it
  // node-gyp tries to download Node headers, which this network forbids.
  const nodeDir = path.resolve(process.execPath, '..', '..')
  return {
    ...env,
    PATH: `${TOOLS_BIN_DIR}${path.delimiter}${env.PATH ?? ''}`,
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

// What the install depends on: the lockfile, the workspace settings, every package's dependency fields and the
// Node ABI (better-sqlite3 is compiled for one). Scripts and other package.json fields do not count.
const INSTALL_KEY_FILE = path.join(ROOT_DIR, 'node_modules', '.spanlight-install-key')
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'pnpm', 'packageManager', 'engines']

function installKey() {
  const hash = createHash('sha256')
  hash.update(`node-abi ${process.versions.modules} ${process.platform} ${process.arch}\0`)
  for (const file of ['pnpm-lock.yaml', 'pnpm-workspace.yaml']) hash.update(readFileSync(path.join(ROOT_DIR, file)))
  const manifests = ['package.json']
  for (const dir of ['packages', 'apps']) {
    for (const name of readdirSync(path.join(ROOT_DIR, dir)).sort()) {
      if (existsSync(path.join(ROOT_DIR, dir, name, 'package.json'))) manifests.push(`${dir}/${name}/package.json`)
    }
  }
  for (const manifest of manifests) {
    const json = JSON.parse(readFileSync(path.join(ROOT_DIR, manifest), 'utf8'))
    hash.update(`${manifest} ${JSON.stringify(DEPENDENCY_FIELDS.map((field) => json[field] ?? null))}\0`)
  }
  return hash.digest('hex')
}

/** pnpm in .tools/ and the dependencies installed; the install runs only when what it depends on changed. */
export function ensureInstalled() {
  checkNodeVersion()
  ensurePnpm()
  const key = installKey()
  if (existsSync(INSTALL_KEY_FILE) && readFileSync(INSTALL_KEY_FILE, 'utf8').trim() === key) return
  log('installing dependencies')
  pnpmOrExit(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only'])
  writeFileSync(INSTALL_KEY_FILE, `${key}\n`)
}

/** The bundles built after `tsc -b`, each skipped when its build key (build-key.mjs) has not changed. */
const BUNDLES = [
  {
    name: 'demo SPA',
    packageName: '@spanlight/demo-web',
    outDir: 'apps/demo-web/dist',
    inputs: [
      'pnpm-lock.yaml',
      'apps/demo-web/src',
      'apps/demo-web/public',
      'apps/demo-web/index.html',
      'apps/demo-web/vite.config.ts',
      'apps/demo-web/tsconfig.json',
      'apps/demo-web/package.json',
      'apps/demo-web/.env',
      'apps/demo-web/.env.local',
      'apps/demo-web/.env.production',
      'apps/demo-web/.env.production.local',
      // what `tsc -b` made of the package the SPA imports
      'packages/web-tracing/dist',
      'packages/web-tracing/package.json',
    ],
    // Tests are never part of a bundle (tsc compiles the package's tests into its dist/ too).
    ignore: /\.test\./,
    // Vite bakes these into the bundle.
    envPrefixes: ['VITE_', 'NODE_ENV'],
  },
  {
    name: 'dashboard',
    packageName: '@spanlight/dashboard',
    outDir: 'apps/dashboard/.next',
    inputs: [
      'pnpm-lock.yaml',
      'apps/dashboard/src',
      'apps/dashboard/public',
      'apps/dashboard/next.config.ts',
      'apps/dashboard/tsconfig.json', // not next-env.d.ts: next build writes it
      'apps/dashboard/package.json',
      'apps/dashboard/.env',
      'apps/dashboard/.env.local',
      'apps/dashboard/.env.production',
      'apps/dashboard/.env.production.local',
      // what `tsc -b` made of the package whose `./helpers` the dashboard bundles
      'packages/trace-store/dist',
      'packages/trace-store/package.json',
    ],
    // Tests are never part of a bundle (tsc compiles the package's tests into its dist/ too).
    ignore: /\.test\./,
    // Next bakes these into the client bundle; server variables (SPANLIGHT_*) are read when it starts.
    envPrefixes: ['NEXT_PUBLIC_', 'NODE_ENV'],
  },
]

/**
 * `tsc -b` (incremental), then the demo SPA's and the dashboard's bundles when their inputs changed (or `force`).
 * `env` is the environment the bundles are built with (the SPA bakes VITE_* into its bundle).
 */
export function buildWorkspace({ env = process.env, force = false } = {}) {
  log('building TypeScript (tsc -b)')
  runOrExit(path.join(ROOT_DIR, 'node_modules', '.bin', 'tsc'), ['-b'])
  for (const bundle of BUNDLES) {
    const outDir = path.join(ROOT_DIR, bundle.outDir)
    const currentKey = computeBuildKey({ rootDir: ROOT_DIR, inputs: bundle.inputs, ignore: bundle.ignore, env, envPrefixes: bundle.envPrefixes })
    const reason = rebuildReason({ storedKey: readStoredKey(outDir), currentKey, force })
    if (reason === undefined) {
      log(`${bundle.name}: up to date, not rebuilt`)
      continue
    }
    log(`building the ${bundle.name} (${reason})`)
    // A build that fails halfway must not leave the old key next to a broken output.
    rmSync(path.join(outDir, BUILD_KEY_FILE), { force: true })
    pnpmOrExit(['--filter', bundle.packageName, 'build'], { env })
    writeFileSync(path.join(outDir, BUILD_KEY_FILE), `${currentKey}\n`)
  }
}

/** Installed and built: what `npm start` and `npm test` need before they run anything. */
export function prepareWorkspace(buildOptions) {
  ensureInstalled()
  buildWorkspace(buildOptions)
}

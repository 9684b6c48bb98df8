// What `npm start` runs, on which ports, and how the services find each other.
// Pure (no I/O): tested in start-options.test.mjs.
import path from 'node:path'
import { parseArgs } from 'node:util'

export const HOST = '127.0.0.1'

/** One entry per service: its option, its environment variable and its default port. */
export const PORTS = [
  { key: 'store', name: 'trace store', option: 'store-port', envVar: 'SPANLIGHT_STORE_PORT', defaultPort: 4318 },
  { key: 'api', name: 'demo API', option: 'api-port', envVar: 'SPANLIGHT_API_PORT', defaultPort: 4567 },
  { key: 'web', name: 'demo SPA', option: 'web-port', envVar: 'SPANLIGHT_WEB_PORT', defaultPort: 3000 },
  { key: 'dashboard', name: 'dashboard', option: 'dashboard-port', envVar: 'SPANLIGHT_DASHBOARD_PORT', defaultPort: 3300 },
]

export const START_HELP = `npm start [-- options]: installs what is needed, builds what changed and starts every Spanlight service on ${HOST}

${PORTS.map((port) => `  --${port.option.padEnd(16)} ${port.name} port (default ${port.defaultPort}; env ${port.envVar})`).join('\n')}
  -h, --help         show this help

An option beats its environment variable. Example: npm start -- --store-port 4319 --dashboard-port 3301
`

export class StartUsageError extends Error {
  name = 'StartUsageError'
}

function parsePort(text, source) {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65_535) {
    throw new StartUsageError(`${source}: '${text}' is not a port (a whole number from 1 to 65535)`)
  }
  return Number(text)
}

/**
 * `npm start`'s arguments and environment → `{ help: true }` or `{ help: false, ports: { store, api, web, dashboard } }`.
 * Throws a StartUsageError naming the option or variable that is wrong.
 */
export function parseStartArgs(args, env) {
  let values
  try {
    const options = Object.fromEntries(PORTS.map((port) => [port.option, { type: 'string' }]))
    values = parseArgs({ args, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }).values
  } catch (error) {
    throw new StartUsageError(error.message)
  }
  if (values.help) return { help: true }

  const ports = {}
  for (const port of PORTS) {
    const fromOption = values[port.option]
    const fromEnv = env[port.envVar]
    if (fromOption !== undefined) ports[port.key] = parsePort(fromOption, `--${port.option}`)
    // An empty variable counts as unset, as in `VAR= npm start`.
    else if (fromEnv !== undefined && fromEnv !== '') ports[port.key] = parsePort(fromEnv, port.envVar)
    else ports[port.key] = port.defaultPort
  }
  for (const [index, port] of PORTS.entries()) {
    const other = PORTS.slice(index + 1).find((candidate) => ports[candidate.key] === ports[port.key])
    if (other) throw new StartUsageError(`the ${port.name} and the ${other.name} cannot both use port ${ports[port.key]}`)
  }
  return { help: false, ports }
}

/** What to print when a port is taken: the option (or variable) that moves that service elsewhere. */
export function portInUseMessage(key, ports) {
  const port = PORTS.find((candidate) => candidate.key === key)
  return (
    `port ${ports[key]} (${port.name}) is already in use (is Spanlight already running?): stop what uses it, ` +
    `or start on another port with \`npm start -- --${port.option} <port>\` (or ${port.envVar}=<port> npm start)`
  )
}

const urlOf = (port) => `http://${HOST}:${port}`

/**
 * The demo SPA bakes the API and store URLs in at build time (VITE_*), so they are part of its build. A variable is
 * set only when it differs from the SPA's own default (src/config.ts), so that `npm run build` and `npm start` on
 * the default ports produce the same bundle; one inherited from the shell is replaced, since the SPA must talk to
 * the services `npm start` runs.
 */
export function spaBuildEnv(env, ports) {
  const spaEnv = { ...env }
  delete spaEnv.VITE_API_URL
  delete spaEnv.VITE_OTLP_ENDPOINT
  const defaults = Object.fromEntries(PORTS.map((port) => [port.key, port.defaultPort]))
  if (ports.api !== defaults.api) spaEnv.VITE_API_URL = urlOf(ports.api)
  if (ports.store !== defaults.store) spaEnv.VITE_OTLP_ENDPOINT = urlOf(ports.store)
  return spaEnv
}

/**
 * The processes `npm start` runs, wired to each other's ports: `url` is printed, `readyUrl` is polled until it
 * answers. `env` is added to the inherited environment.
 */
export function startServices(ports, rootDir, nodePath) {
  const webOrigins = [`http://${HOST}:${ports.web}`, `http://localhost:${ports.web}`]
  return [
    {
      key: 'store',
      name: 'trace store',
      // the SPA's build has hidden source maps beside its scripts: the store may fetch them from there (and only there)
      command: [
        nodePath,
        path.join(rootDir, 'packages/trace-store/dist/cli.js'),
        '--source-map-origin',
        urlOf(ports.web),
        '--host',
        HOST,
        '--port',
        String(ports.store),
      ],
      cwd: rootDir,
      env: {},
      url: urlOf(ports.store),
      readyUrl: `${urlOf(ports.store)}/health`,
    },
    {
      key: 'api',
      name: 'demo API',
      command: [nodePath, '--import', path.join(rootDir, 'apps/demo-api/dist/instrumentation.js'), path.join(rootDir, 'apps/demo-api/dist/server.js')],
      cwd: rootDir,
      env: {
        DEMO_API_HOST: HOST,
        DEMO_API_PORT: String(ports.api),
        DEMO_API_CORS_ORIGINS: webOrigins.join(','),
        SPANLIGHT_OTLP_ENDPOINT: urlOf(ports.store),
      },
      url: urlOf(ports.api),
      readyUrl: `${urlOf(ports.api)}/api/health`,
    },
    {
      key: 'web',
      name: 'demo SPA',
      command: [
        nodePath,
        path.join(rootDir, 'apps/demo-web/node_modules/vite/bin/vite.js'),
        'preview',
        '--host',
        HOST,
        '--port',
        String(ports.web),
        '--strictPort',
      ],
      cwd: path.join(rootDir, 'apps/demo-web'),
      // the server span of each HTML document goes to the chosen store (apps/demo-web/server/document-trace-plugin.ts)
      env: { SPANLIGHT_OTLP_ENDPOINT: urlOf(ports.store) },
      url: urlOf(ports.web),
      readyUrl: urlOf(ports.web),
    },
    {
      key: 'dashboard',
      name: 'dashboard',
      command: [nodePath, path.join(rootDir, 'apps/dashboard/node_modules/next/dist/bin/next'), 'start', '--hostname', HOST, '--port', String(ports.dashboard)],
      cwd: path.join(rootDir, 'apps/dashboard'),
      env: { SPANLIGHT_STORE_URL: urlOf(ports.store) },
      url: urlOf(ports.dashboard),
      readyUrl: `${urlOf(ports.dashboard)}/api/config`,
    },
  ]
}

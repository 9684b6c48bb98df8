// `npm test`: installs what is needed, then runs every check the root
// package.json defines, in order, and exits non-zero when any fails.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ensureChromium, log, pnpm, prepareWorkspace, ROOT_DIR } from './bootstrap.mjs'

const CHECKS = [
  { script: 'lint', name: 'lint' },
  { script: 'typecheck', name: 'types' },
  { script: 'check:dead-code', name: 'dead code: unused files, dependencies and exports (knip)' },
  { script: 'test:unit', name: 'unit and integration tests' },
  { script: 'check:web-package', name: 'web-tracing package (publint, attw, source maps)' },
  { script: 'check:web-size', name: 'web-tracing size budgets' },
  { script: 'check:store-package', name: 'trace-store package (runtime files only, publint, attw)' },
  { script: 'test:browser', name: 'browser tests (Chromium)', needsChromium: true },
  { script: 'test:e2e', name: 'end-to-end tests (Chromium)', needsChromium: true },
  { script: 'test:dashboard', name: 'dashboard tests (Chromium)', needsChromium: true },
]

const rootScripts = JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')).scripts
const checks = CHECKS.filter((check) => rootScripts[check.script])

prepareWorkspace()
if (checks.some((check) => check.needsChromium)) ensureChromium()

const failed = []
for (const check of checks) {
  log(`running ${check.name}`)
  if (pnpm(['run', check.script]) !== 0) failed.push(check.name)
}

const passedCount = checks.length - failed.length
log(failed.length === 0 ? 'all checks passed' : `failed: ${failed.join(', ')}`)
console.log(`checks: ${passedCount} passed, ${failed.length} failed`)
process.exit(failed.length === 0 ? 0 : 1)

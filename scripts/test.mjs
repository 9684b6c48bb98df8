// `npm test`: installs what is needed, then runs every check in order and
// exits non-zero when any of them fails.
import { log, pnpm, prepareWorkspace } from './bootstrap.mjs'

prepareWorkspace()

const checks = [
  { name: 'lint', args: ['run', 'lint'] },
  { name: 'types', args: ['run', 'typecheck'] },
  { name: 'unit and integration tests', args: ['run', 'test:unit'] },
]

const failed = []
for (const check of checks) {
  log(`running ${check.name}`)
  if (pnpm(check.args) !== 0) failed.push(check.name)
}

const passedCount = checks.length - failed.length
log(failed.length === 0 ? 'all checks passed' : `failed: ${failed.join(', ')}`)
console.log(`checks: ${passedCount} passed, ${failed.length} failed`)
process.exit(failed.length === 0 ? 0 : 1)

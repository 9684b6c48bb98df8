// `npm run check:store-package` (part of `npm test`): builds the trace store from a clean dist/, packs it
// as `pnpm publish` would, and checks the tarball: only runtime files (no tests, benchmark or test helpers),
// then publint --strict and @arethetypeswrong/cli on the tarball itself.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { log, pnpm, ROOT_DIR } from './bootstrap.mjs'

const PACKAGES = [
  {
    dir: 'packages/trace-store',
    // what the store publishes: compiled source, the generated protobuf code and its .proto files, the READMEs
    allowed: [
      /^package\.json$/,
      /^README\.md$/,
      /^dist\/.+\.(js|d\.ts)(\.map)?$/,
      /^otlp-proto\/(otlp-trace\.(js|d\.ts)|README\.md|opentelemetry\/.+\.proto)$/,
    ],
    attwProfile: 'esm-only',
  },
]
const NEVER_PUBLISHED = /(\.test\.|(^|\/)(bench|test-support|testing|browser-tests|src)\/)/

function tool(name, args) {
  const result = spawnSync(path.join(ROOT_DIR, 'node_modules', '.bin', name), args, { stdio: 'inherit', cwd: ROOT_DIR })
  return result.status ?? 1
}

const problems = []
for (const pkg of PACKAGES) {
  const packageDir = path.join(ROOT_DIR, pkg.dir)
  log(`${pkg.dir}: clean build`)
  // a dist/ left from older sources would be packed too
  rmSync(path.join(packageDir, 'dist'), { recursive: true, force: true })
  rmSync(path.join(packageDir, 'tsconfig.tsbuildinfo'), { force: true })
  if (pnpm(['exec', 'tsc', '-b', pkg.dir]) !== 0) {
    problems.push(`${pkg.dir}: build failed`)
    continue
  }
  const packDir = mkdtempSync(path.join(tmpdir(), 'spanlight-pack-'))
  try {
    if (pnpm(['pack', '--pack-destination', packDir], { cwd: packageDir, stdio: ['ignore', 'ignore', 'inherit'] }) !== 0) {
      problems.push(`${pkg.dir}: pnpm pack failed`)
      continue
    }
    const tarball = path.join(
      packDir,
      readdirSync(packDir).find((name) => name.endsWith('.tgz')),
    )
    const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    const files = listing.stdout
      .split('\n')
      .filter(Boolean)
      .map((name) => name.replace(/^package\//, ''))
    const unexpected = files.filter((file) => NEVER_PUBLISHED.test(file) || !pkg.allowed.some((pattern) => pattern.test(file)))
    if (unexpected.length > 0) problems.push(`${pkg.dir}: the tarball holds files that are not runtime code: ${unexpected.join(', ')}`)
    else log(`${pkg.dir}: ${files.length} files, runtime code only`)
    if (tool('publint', ['--strict', tarball]) !== 0) problems.push(`${pkg.dir}: publint`)
    if (tool('attw', ['--profile', pkg.attwProfile, '--no-emoji', tarball]) !== 0) problems.push(`${pkg.dir}: @arethetypeswrong/cli`)
  } finally {
    rmSync(packDir, { recursive: true, force: true })
  }
}

if (problems.length > 0) {
  for (const problem of problems) log(`package check failed: ${problem}`)
  process.exit(1)
}
log('package checks passed')

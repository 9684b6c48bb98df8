// `npm run check:web-package` (run by `npm test`, after the TypeScript build):
// checks what @spanlight/web-tracing publishes, from the packed tarball.
//   1. publint --strict and @arethetypeswrong/cli (ESM-only profile)
//   2. every source map in the tarball resolves to a file in the tarball
//   3. the React entry keeps its 'use client' directive
// Size budgets are checked apart, by scripts/check-size.mjs.
// Exits non-zero with one line per failure.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BIN_DIR = path.join(PACKAGE_DIR, 'node_modules', '.bin')

const failures = []
const fail = (message) => {
  failures.push(message)
  console.error(`  ✗ ${message}`)
}
const pass = (message) => console.log(`  ✓ ${message}`)

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: PACKAGE_DIR, encoding: 'utf8', ...options })
  return { status: result.status ?? 1, stdout: result.stdout ?? '', output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() }
}

/** Packs the package as it would be published (npm pack: `files`, the exports map, no scripts run). */
function pack(destination) {
  const result = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination])
  if (result.status !== 0) throw new Error(`npm pack failed:\n${result.output}`)
  const [{ filename }] = JSON.parse(result.stdout)
  return path.join(destination, path.basename(filename))
}

function listFiles(dir, prefix = '') {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(dir, path.join(prefix, entry.name)) : [path.join(prefix, entry.name)],
  )
}

/** Every `.map` names sources that exist in the package, and every `.js`/`.d.ts` points at a map that exists. */
export function checkSourceMaps(unpackedDir) {
  const files = listFiles(unpackedDir)
  const problems = []
  let maps = 0
  for (const file of files) {
    const full = path.join(unpackedDir, file)
    if (file.endsWith('.map')) {
      maps++
      const map = JSON.parse(readFileSync(full, 'utf8'))
      const base = path.resolve(path.dirname(full), map.sourceRoot ?? '')
      map.sources.forEach((source, index) => {
        if (map.sourcesContent?.[index] != null) return
        if (!existsSync(path.resolve(base, source))) problems.push(`${file}: source ${source} is not in the package`)
      })
    } else if (/\.(js|d\.ts)$/.test(file) && file.startsWith('dist/')) {
      const reference = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(full, 'utf8'))?.[1]
      if (!reference) problems.push(`${file}: no sourceMappingURL`)
      else if (!existsSync(path.resolve(path.dirname(full), reference))) problems.push(`${file}: map ${reference} is not in the package`)
    }
  }
  return { maps, problems }
}

async function main() {
  const workDir = mkdtempSync(path.join(tmpdir(), 'spanlight-package-'))
  try {
    console.log('@spanlight/web-tracing: what the tarball publishes')
    const tarball = pack(workDir)
    const publint = run(path.join(BIN_DIR, 'publint'), ['run', '--strict', tarball])
    if (publint.status === 0) pass('publint --strict')
    else fail(`publint --strict:\n${publint.output}`)
    const attw = run(path.join(BIN_DIR, 'attw'), [tarball, '--profile', 'esm-only', '--no-emoji', '--no-color', '--format', 'table-flipped'])
    if (attw.status === 0) pass('@arethetypeswrong/cli (esm-only profile)')
    else fail(`@arethetypeswrong/cli:\n${attw.output}`)

    const unpacked = path.join(workDir, 'unpacked')
    const untar = run('tar', ['-xzf', tarball, '-C', workDir])
    if (untar.status !== 0) throw new Error(`tar failed: ${untar.output}`)
    rmSync(unpacked, { recursive: true, force: true })
    const packageDir = path.join(workDir, 'package')
    const { maps, problems } = checkSourceMaps(packageDir)
    if (maps === 0) fail('the tarball holds no source maps')
    else if (problems.length > 0) fail(`source maps that do not resolve:\n    ${problems.slice(0, 10).join('\n    ')}`)
    else pass(`${maps} source maps resolve to files in the tarball`)
    if (/^\s*['"]use client['"]/.test(readFileSync(path.join(packageDir, 'dist/react/index.js'), 'utf8'))) pass("dist/react/index.js starts with 'use client'")
    else fail("dist/react/index.js lost its 'use client' directive")
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
  if (failures.length > 0) {
    console.error(`${failures.length} package check(s) failed`)
    process.exit(1)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

// Whether a bundle (vite build, next build) must be rebuilt: a hash of everything that goes into it — its files,
// the lockfile, the environment variables baked into it — is kept next to the output and compared on the next build.
// Tested in build-key.test.mjs.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

export const BUILD_KEY_FILE = '.spanlight-build-key'

const SKIPPED_DIRS = new Set(['node_modules', '.next', '.git'])

/**
 * Every file under `paths` (files or directories, relative to `rootDir`) whose path `ignore` does not match, as
 * sorted relative paths with `/` separators; missing paths are skipped.
 */
export function listInputFiles(rootDir, paths, ignore) {
  const files = []
  const visit = (relative) => {
    const absolute = path.join(rootDir, relative)
    if (!existsSync(absolute)) return
    if (!statSync(absolute).isDirectory()) {
      const file = relative.split(path.sep).join('/')
      if (!ignore?.test(file)) files.push(file)
      return
    }
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (entry.isDirectory() && SKIPPED_DIRS.has(entry.name)) continue
      visit(path.join(relative, entry.name))
    }
  }
  for (const relative of paths) visit(relative)
  return [...new Set(files)].sort()
}

/** The environment variables whose names start with one of `prefixes`, sorted by name. */
export function bakedEnv(env, prefixes) {
  return Object.entries(env)
    .filter(([name, value]) => value !== undefined && prefixes.some((prefix) => name.startsWith(prefix)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * A hash of the inputs' paths and contents and of the baked environment variables. Any change in them changes the
 * key; modification times do not (a fresh checkout, or `tsc -b` rewriting identical files, rebuilds nothing).
 */
export function computeBuildKey({ rootDir, inputs, ignore, env = {}, envPrefixes = [] }) {
  const hash = createHash('sha256')
  for (const file of listInputFiles(rootDir, inputs, ignore)) {
    hash.update(`file ${file}\0`)
    hash.update(
      createHash('sha256')
        .update(readFileSync(path.join(rootDir, file)))
        .digest(),
    )
  }
  for (const [name, value] of bakedEnv(env, envPrefixes)) hash.update(`env ${name}=${value}\0`)
  return hash.digest('hex')
}

/** Why a build must run, or undefined when the stored key says its output is current. */
export function rebuildReason({ storedKey, currentKey, force = false }) {
  if (force) return 'forced'
  if (storedKey === undefined) return 'no previous build'
  if (storedKey !== currentKey) return 'inputs changed'
  return undefined
}

/** The key stored next to an output directory, or undefined when there is none. */
export function readStoredKey(outDir) {
  const file = path.join(outDir, BUILD_KEY_FILE)
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined
}

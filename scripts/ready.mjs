// The first step of every root script, so that each one works with `npm run <name>` on a fresh clone:
//   node scripts/ready.mjs              pnpm in .tools/ and the dependencies installed (when the lockfile changed)
//   node scripts/ready.mjs --build      … and everything built: tsc -b, then the SPA and dashboard bundles whose
//                                       inputs changed (--force rebuilds them anyway)
//   node scripts/ready.mjs --chromium   … and Debian's Chromium present for browser tests and benchmarks
import { parseArgs } from 'node:util'
import { buildWorkspace, ensureChromium, ensureInstalled, log } from './bootstrap.mjs'

let flags
try {
  flags = parseArgs({
    strict: true,
    options: { build: { type: 'boolean' }, force: { type: 'boolean' }, chromium: { type: 'boolean' } },
  }).values
} catch (error) {
  log(`${error.message}; usage: node scripts/ready.mjs [--build [--force]] [--chromium]`)
  process.exit(2)
}

ensureInstalled()
if (flags.build) buildWorkspace({ force: flags.force })
if (flags.chromium) ensureChromium()

// `npm run bench:web`: bundle sizes, the per-fetch and per-click costs, then export under load and at unload (Chromium).
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = path.dirname(fileURLToPath(import.meta.url))
for (const script of ['bundle-size.mjs', 'fetch-cost.mjs', 'interaction-cost.mjs', 'export-load.mjs']) {
  const run = spawnSync(process.execPath, [path.join(dir, script)], { stdio: 'inherit' })
  if (run.status !== 0) process.exit(run.status ?? 1)
  console.log()
}

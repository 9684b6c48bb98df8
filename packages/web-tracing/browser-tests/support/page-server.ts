import { build } from 'esbuild'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startRecordingServer, type RecordingServer } from './recording-server.js'

const PAGES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'pages')

/** Bundles every browser-tests/pages/*.ts(x) the way an app would (ESM, es2020), in memory. */
export async function bundlePages(): Promise<Map<string, string>> {
  const entries = readdirSync(PAGES_DIR).filter((file) => /\.tsx?$/.test(file))
  const result = await build({
    entryPoints: entries.map((file) => path.join(PAGES_DIR, file)),
    bundle: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    outdir: '/pages',
    write: false,
    splitting: true,
    jsx: 'automatic',
    sourcemap: 'inline',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"development"' },
  })
  const files = new Map<string, string>()
  for (const file of result.outputFiles) files.set(`/assets/${path.basename(file.path)}`, file.text)
  return files
}

/**
 * The page origin: `/pages/<name>.html?config=<json>` loads the bundled
 * `<name>` page with `window.__TEST_CONFIG__` set from the query, and
 * `/blank.html` is a page without tracing to navigate to.
 */
export async function startPageServer(bundles: Map<string, string>): Promise<RecordingServer> {
  return startRecordingServer({
    handle(_request, response, url) {
      const bundle = bundles.get(url.pathname)
      if (bundle !== undefined) {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle)
        return true
      }
      const page = /^\/pages\/([\w-]+)\.html$/.exec(url.pathname)
      if (page) {
        const config = url.searchParams.get('config') ?? '{}'
        const metaTraceparent = (JSON.parse(config) as { metaTraceparent?: string }).metaTraceparent
        const meta = metaTraceparent && /^[\w-]+$/.test(metaTraceparent) ? `<meta name="traceparent" content="${metaTraceparent}">` : ''
        const html = `<!doctype html><html><head><meta charset="utf-8"><title>${page[1]}</title>${meta}
<script>window.__TEST_CONFIG__ = ${JSON.stringify(JSON.parse(config)).replace(/</g, '\\u003c')}</script>
<script type="module" src="/assets/${page[1]}.js"></script></head><body><div id="root"></div></body></html>`
        response.writeHead(200, { 'content-type': 'text/html' }).end(html)
        return true
      }
      if (url.pathname === '/blank.html') {
        response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>blank</title><p>elsewhere</p>')
        return true
      }
      return false
    },
  })
}

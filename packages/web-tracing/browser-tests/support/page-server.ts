import { build } from 'esbuild'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'
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
 * A `width`×`height` PNG of deterministic noise. Chromium leaves images of
 * little content (under 0.05 bits per pixel, like a flat SVG) out of LCP, so
 * a page that needs an image as its LCP element needs a detailed one.
 */
function noisePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const checksum = Buffer.alloc(4)
    checksum.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, checksum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height)
  let seed = 42
  for (let index = 0; index < rows.length; index++) {
    seed = (seed * 1103515245 + 12345) >>> 0
    rows[index] = index % (width * 3 + 1) === 0 ? 0 : seed >>> 24 // filter byte 0 at each row start
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

/**
 * The page origin: `/pages/<name>.html?config=<json>` loads the bundled
 * `<name>` page with `window.__TEST_CONFIG__` set from the query, and
 * `/blank.html` is a page without tracing to navigate to. `/images/hero.png`
 * is a 300×200 image for pages that need a known LCP element.
 */
export async function startPageServer(bundles: Map<string, string>): Promise<RecordingServer> {
  const heroPng = noisePng(300, 200)
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
      if (url.pathname === '/images/hero.png') {
        response.writeHead(200, { 'content-type': 'image/png' }).end(heroPng)
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

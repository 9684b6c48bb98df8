import { build, type BuildOptions } from 'esbuild'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ATTR_ROLLBAR_ITEM_UUID } from '@spanlight/web-tracing/rollbar'
import { attribute, expect, test, waitForTrace, waitForTraceWithSpans, type Page, type Servers } from './support/fixtures.js'
import { startRecordingServer } from './support/recording-server.js'

// The README's examples are the files in examples/, shown verbatim (each
// block follows a `<!-- file: examples/… -->` line). Here they are built
// the way the README says, loaded as written, and run in Chromium against
// the real store: the example's collector, API and Rollbar URLs are
// answered by the store and the test API (Playwright routes), so the code
// does not change for the test.

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const EXAMPLES_DIR = path.join(PACKAGE_DIR, 'examples')

function readmeFileBlocks(): { file: string; code: string }[] {
  const readme = readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8')
  return [...readme.matchAll(/<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)].map(([, file, code]) => ({ file: file!, code: code! }))
}

/** Builds examples/quick-start.ts as the README's two HTML files load it: an ES module build (with splitting) and a classic script (IIFE). */
async function buildQuickStart(): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  const common: BuildOptions = {
    entryPoints: [path.join(EXAMPLES_DIR, 'quick-start.ts')],
    bundle: true,
    target: 'es2020',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }
  const esm = await build({ ...common, format: 'esm', splitting: true, outdir: path.join(EXAMPLES_DIR, 'esm') })
  const classic = await build({ ...common, format: 'iife', outfile: path.join(EXAMPLES_DIR, 'classic', 'quick-start.js') })
  for (const file of [...esm.outputFiles!, ...classic.outputFiles!]) files.set(`/${path.relative(EXAMPLES_DIR, file.path)}`, file.text)
  for (const html of ['quick-start.html', 'quick-start-classic.html']) files.set(`/${html}`, readFileSync(path.join(EXAMPLES_DIR, html), 'utf8'))
  return files
}

/** The example's URLs, answered by the test servers: collector and Rollbar → the store, the API → the test API. */
async function routeExampleHosts(page: Page, servers: Servers, rollbarPayloads: { uuid: string; custom: Record<string, string> }[]) {
  const forward = (origin: string) => async (route: Parameters<Parameters<Page['route']>[1]>[0]) => {
    const url = new URL(route.request().url())
    await route.fulfill({ response: await route.fetch({ url: `${origin}${url.pathname}${url.search}` }) })
  }
  await page.route('https://collector.example.com/**', forward(servers.store.url))
  await page.route('https://api.example.com/**', forward(servers.api.origin))
  await page.route('https://api.rollbar.com/**', async (route) => {
    const payload = route.request().postDataJSON() as { data?: { uuid: string; custom: Record<string, string> } } | null
    if (payload?.data) rollbarPayloads.push(payload.data)
    await forward(servers.store.url)(route)
  })
}

test.describe('README examples', () => {
  test('the README shows every example file verbatim', () => {
    const blocks = readmeFileBlocks()
    const exampleFiles = readdirSync(EXAMPLES_DIR).map((file) => `examples/${file}`)
    expect(blocks.map((block) => block.file).sort()).toEqual(exampleFiles.sort())
    for (const block of blocks) expect(block.code, `README block for ${block.file}`).toBe(readFileSync(path.join(PACKAGE_DIR, block.file), 'utf8').trimEnd())
  })

  for (const html of ['quick-start.html', 'quick-start-classic.html']) {
    test(`the quick start, loaded by ${html}, exports its error span and traces the click`, async ({ page, servers }) => {
      const files = await buildQuickStart()
      const site = await startRecordingServer({
        handle(_request, response, url) {
          const body = files.get(url.pathname)
          if (body === undefined) return false
          response.writeHead(200, { 'content-type': url.pathname.endsWith('.html') ? 'text/html' : 'text/javascript' }).end(body)
          return true
        },
      })
      try {
        const pageErrors: string[] = []
        page.on('pageerror', (error) => pageErrors.push(error.message))
        const rollbarPayloads: { uuid: string; custom: Record<string, string> }[] = []
        await routeExampleHosts(page, servers, rollbarPayloads)
        await page.goto(`${site.origin}/${html}`)

        // reportError → Rollbar item with the trace id of a stored span that holds the error and the item's uuid
        await expect.poll(() => rollbarPayloads.length, { message: 'the Rollbar item the example reports' }).toBe(1)
        const [item] = rollbarPayloads
        const trace = await waitForTrace(servers.store, item!.custom.trace_id!, 1)
        const errorSpan = trace.spans.find((span) => span.spanId === item!.custom.span_id)!
        expect(errorSpan.name).toBe('exception')
        expect(errorSpan.events.map((event) => event.name)).toContain('exception')
        expect(attribute(errorSpan, ATTR_ROLLBAR_ITEM_UUID)).toBe(item!.uuid)

        // the click handler is traced: its span and the fetch it starts, whose trace reaches the API
        await page.click('#buy')
        let traceparent = ''
        await expect
          .poll(() => {
            traceparent = String(
              servers.api.requests.find((request) => request.path === '/orders' && request.method === 'POST' && request.headers.traceparent)?.headers
                .traceparent ?? '',
            )
            return traceparent
          })
          .toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/)
        const clickTrace = await waitForTraceWithSpans(servers.store, traceparent.split('-')[1]!, ['checkout click', 'POST'])
        const click = clickTrace.spans.find((span) => span.name === 'checkout click')!
        expect(clickTrace.spans.find((span) => span.name === 'POST')!.parentSpanId).toBe(click.spanId)
        expect(pageErrors).toEqual([])
      } finally {
        await site.close()
      }
    })
  }
})

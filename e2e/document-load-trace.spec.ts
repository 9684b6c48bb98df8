import { readFile } from 'node:fs/promises'
import { attributeValue, SPAN_KIND } from './fixtures/trace-model.js'
import { expect, test } from './fixtures/test.js'

// What the server that serves the SPA's HTML renders into it (apps/demo-web/server/document-trace-plugin.ts).
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/
const META_TAG = /\n[ \t]*<meta name="traceparent" content="[^"]*" \/>/
const BUILT_INDEX_HTML = new URL('../apps/demo-web/dist/index.html', import.meta.url)

test("the page's document load is a child of the server span that served its HTML", async ({ page, traces }) => {
  await page.goto('/')
  const meta = page.locator('meta[name=traceparent]')
  await expect(meta, 'the HTML carries a W3C traceparent').toHaveAttribute('content', TRACEPARENT)
  const traceparent = await meta.getAttribute('content')
  const [, traceId, serverSpanId] = TRACEPARENT.exec(traceparent!)!

  const trace = await traces.waitForTrace(traceId!, {
    spans: [
      { service: 'demo-web-server', kind: SPAN_KIND.server, name: 'GET /' },
      { service: 'demo-web', name: 'documentLoad' },
    ],
  })

  //   demo-web-server  GET /          (the span named in the meta tag, root of the trace)
  //   └─ demo-web      documentLoad
  const serverSpan = trace.span({ service: 'demo-web-server', kind: SPAN_KIND.server })
  expect(serverSpan.spanId).toBe(serverSpanId)
  expect(serverSpan.parentSpanId).toBeNull()
  expect(attributeValue(serverSpan.attributes, 'http.request.method')).toBe('GET')
  expect(Number(attributeValue(serverSpan.attributes, 'http.response.status_code'))).toBe(200)
  const documentLoad = trace.span({ service: 'demo-web', name: 'documentLoad' })
  expect(documentLoad.parentSpanId).toBe(serverSpan.spanId)
  expect(trace.view.summary.rootServiceName).toBe('demo-web-server')
})

test('each HTML response names its own server span and is otherwise the built index.html', async ({ request }) => {
  const builtHtml = await readFile(BUILT_INDEX_HTML, 'utf8')
  const served: string[] = []
  for (let round = 0; round < 2; round += 1) {
    const response = await request.get('/', { headers: { accept: 'text/html' } })
    expect(response.status()).toBe(200)
    expect(response.headers()['cache-control']).toBe('no-store')
    served.push(await response.text())
  }
  const traceparents = served.map((html) => /<meta name="traceparent" content="([^"]*)" \/>/.exec(html)?.[1])
  for (const traceparent of traceparents) expect(traceparent).toMatch(TRACEPARENT)
  expect(traceparents[0]).not.toBe(traceparents[1])
  for (const html of served) expect(html.replace(META_TAG, '')).toBe(builtHtml)
})

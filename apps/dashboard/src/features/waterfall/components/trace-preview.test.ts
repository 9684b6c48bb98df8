import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { OutlineSpan, TraceOutline } from '../../traces/model/trace-outline'
import { TracePreview } from './trace-preview'

function makeSpan(overrides: Partial<OutlineSpan> & { spanId: string }): OutlineSpan {
  return {
    parentSpanId: null,
    name: `span ${overrides.spanId}`,
    kind: 'internal',
    startOffsetMs: 0,
    durationMs: 10,
    status: { code: 'unset' },
    serviceName: 'web',
    ...overrides,
  }
}
function makeOutline(spans: OutlineSpan[]): TraceOutline {
  return {
    traceId: '5b8efff798038103d269b633813fc60c',
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000000100000000',
    durationMs: 100,
    warnings: [],
    spans,
  }
}
const render = (trace: TraceOutline, initialSpanId: string | null = null, rowCount?: number) =>
  renderToStaticMarkup(createElement(TracePreview, { trace, initialSpanId, rowCount }))
/** each row's opening tag's attributes (the markup is React's, so attribute values never hold a quote) */
const rowsOf = (html: string) =>
  [...html.matchAll(/<div id="wf-row-\d+" role="treeitem"([^>]*)>/g)].map((match) =>
    Object.fromEntries([...match[1]!.matchAll(/ ([\w-]+)="([^"]*)"/g)].map((attribute) => [attribute[1]!, attribute[2]!])),
  )

describe('TracePreview (the first rows the trace page renders on the server)', () => {
  //   root (web)
  //   ├─ a (api, error, name holds markup)
  //   │  └─ a1
  //   └─ b
  const spans = [
    makeSpan({ spanId: 'root', durationMs: 100 }),
    makeSpan({ spanId: 'a', parentSpanId: 'root', serviceName: 'api', status: { code: 'error' }, name: '<img src=x onerror=alert(1)>' }),
    makeSpan({ spanId: 'b', parentSpanId: 'root', startOffsetMs: 50 }),
    makeSpan({ spanId: 'a1', parentSpanId: 'a', serviceName: 'api' }),
  ]

  it('renders the rows in tree order with the waterfall row semantics, the first selected, names as text', () => {
    const html = render(makeOutline(spans))
    const rows = rowsOf(html)
    expect(rows.map((row) => row['data-span-id'])).toEqual(['root', 'a', 'a1', 'b'])
    expect(rows.map((row) => row['aria-level'])).toEqual(['1', '2', '3', '2'])
    expect(rows.map((row) => row['aria-selected'])).toEqual(['true', 'false', 'false', 'false'])
    expect(rows.map((row) => row['aria-expanded'])).toEqual(['true', 'true', undefined, undefined])
    expect(rows.map((row) => row['data-error'])).toEqual([undefined, 'true', undefined, undefined])
    expect(html).toContain('<span class="wf-name">&lt;img src=x onerror=alert(1)&gt;</span>')
    expect(html).not.toContain('<img')
    expect(html).toContain('<div class="wf-rows" style="height:calc(4 * var(--wf-row-h, 24px))">')
  })

  it('is not interactive: the tree is busy and not focusable, the controls are disabled', () => {
    const html = render(makeOutline(spans))
    const tree = /<div class="wf-scroll"([^>]*)>/.exec(html)![1]!
    expect(tree).toContain('role="tree"')
    expect(tree).toContain('aria-busy="true"')
    expect(tree).not.toContain('tabindex')
    expect(tree).not.toContain('data-interactive')
    const controls = [...html.matchAll(/<(input|button)([^>]*)>/g)].filter((match) => !match[2]!.includes('wf-toggle'))
    expect(controls).toHaveLength(3)
    expect(controls.every((match) => match[2]!.includes('disabled'))).toBe(true)
  })

  it('renders at most the first window of rows of a large trace', () => {
    const chain = Array.from({ length: 500 }, (_, index) => makeSpan({ spanId: `s${index}`, parentSpanId: index === 0 ? null : `s${index - 1}` }))
    const html = render(makeOutline(chain), null, 50)
    expect(rowsOf(html)).toHaveLength(50)
    expect(html).toContain(`<div class="wf-rows" style="height:calc(500 * var(--wf-row-h, 24px))">`)
    expect(html).toContain('Span (500 of 500 shown)')
  })

  it('selects the span named in the URL, and prints no start time (the server does not know the reader’s time zone)', () => {
    const html = render(makeOutline(spans), 'a1')
    expect(
      rowsOf(html)
        .filter((row) => row['aria-selected'] === 'true')
        .map((row) => row['data-span-id']),
    ).toEqual(['a1'])
    expect(html).toContain('<h2>span a1</h2>')
    const meta = /<p class="muted" style="margin:0 0 8px">(.*?)<\/p>/.exec(html)![1]!.replace(/<[^>]*>/g, '')
    expect(meta).toBe('5b8efff798038103d269b633813fc60c · 100ms · 4 spans · 1 error')
  })
})

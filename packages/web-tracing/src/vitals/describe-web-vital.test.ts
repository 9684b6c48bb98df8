import { describe, expect, it } from 'vitest'
import type { CLSMetricWithAttribution, INPMetricWithAttribution, LCPMetricWithAttribution, TTFBMetricWithAttribution } from 'web-vitals/attribution'
import { describeWebVital, withoutQuery, type PageViewContext } from './describe-web-vital.js'

const page: PageViewContext = { now: 5000, navigationId: 'nav-1', path: '/orders/42', template: '/orders/:id' }

const base = { delta: 0, id: 'v5-1', navigationType: 'navigate' as const, navigationId: 1, rating: 'good' as const }

function makeLcp(overrides: Partial<LCPMetricWithAttribution> = {}): LCPMetricWithAttribution {
  return {
    ...base,
    name: 'LCP',
    value: 1234.5,
    delta: 1234.5,
    entries: [{} as LargestContentfulPaint],
    attribution: {
      target: 'html>body>img#hero',
      url: 'https://cdn.example.com/hero.png?X-Amz-Signature=secret#x',
      timeToFirstByte: 100,
      resourceLoadDelay: 50,
      resourceLoadDuration: 300,
      elementRenderDelay: 784.5,
    },
    ...overrides,
  }
}

function makeInp(overrides: Partial<INPMetricWithAttribution> = {}): INPMetricWithAttribution {
  const event = (name: string, processing: number) => ({ name, processingStart: 1000, processingEnd: 1000 + processing }) as PerformanceEventTiming
  return {
    ...base,
    name: 'INP',
    value: 232,
    rating: 'needs-improvement',
    entries: [event('pointerdown', 1), event('click', 200)],
    attribution: {
      interactionTarget: 'button#slow',
      interactionTime: 990,
      interactionType: 'pointer',
      nextPaintTime: 1222,
      processedEventEntries: [],
      inputDelay: 10,
      processingDuration: 203,
      presentationDelay: 19,
      loadState: 'complete',
      longAnimationFrameEntries: [],
      longestScript: {
        entry: {
          invoker: 'BUTTON#slow.onclick',
          invokerType: 'event-listener',
          sourceURL: 'https://shop.example.com/assets/app.js?v=3',
          sourceFunctionName: 'onSlowClick',
        } as PerformanceScriptTiming,
        subpart: 'processing-duration',
        intersectingDuration: 201,
      },
    },
    ...overrides,
  }
}

function makeCls(overrides: Partial<CLSMetricWithAttribution> = {}): CLSMetricWithAttribution {
  return {
    ...base,
    name: 'CLS',
    value: 0.1375,
    entries: [{} as LayoutShift],
    attribution: { largestShiftTarget: 'html>body>img#hero', largestShiftValue: 0.1375, largestShiftTime: 640, loadState: 'complete' },
    ...overrides,
  }
}

describe('describeWebVital', () => {
  it('records the metric with the browser.web_vital attributes, the route and the page view', () => {
    const span = describeWebVital(makeLcp(), page)
    expect(span.name).toBe('web vital LCP')
    expect(span.attributes).toMatchObject({
      'browser.web_vital.name': 'lcp',
      'browser.web_vital.value': 1234.5,
      'browser.web_vital.rating': 'good',
      'browser.web_vital.delta': 1234.5,
      'browser.web_vital.id': 'v5-1',
      'browser.web_vital.navigation_type': 'navigate',
      'spanlight.navigation.id': 'nav-1',
      'url.path': '/orders/42',
      'url.template': '/orders/:id',
      'browser.page.path': '/orders/42',
      'browser.page.route': '/orders/:id',
    })
  })

  it('leaves url.template and browser.page.route out when the app gave no route', () => {
    const { attributes } = describeWebVital(makeLcp(), { ...page, template: undefined })
    expect(attributes).not.toHaveProperty('url.template')
    expect(attributes).not.toHaveProperty('browser.page.route')
  })

  it('times LCP from the navigation start and records its element and resource URL without the query', () => {
    const span = describeWebVital(makeLcp(), page)
    expect([span.startTime, span.endTime]).toEqual([0, 1234.5])
    expect(span.attributes).toMatchObject({
      'browser.web_vital.attribution.target': 'html>body>img#hero',
      'browser.web_vital.attribution.url': 'https://cdn.example.com/hero.png',
      'browser.web_vital.attribution.resource_load_duration': 300,
      'browser.web_vital.attribution.element_render_delay': 784.5,
    })
  })

  it('times INP from the interaction to its next paint, with its target, event and the script that delayed it', () => {
    const span = describeWebVital(makeInp(), page)
    expect([span.startTime, span.endTime]).toEqual([990, 1222])
    expect(span.attributes).toMatchObject({
      'browser.web_vital.attribution.interaction_target': 'button#slow',
      'browser.web_vital.attribution.interaction_type': 'pointer',
      'browser.web_vital.attribution.event_type': 'pointerdown',
      'browser.web_vital.attribution.processing_duration': 203,
      'browser.web_vital.attribution.longest_script.invoker': 'BUTTON#slow.onclick',
      'browser.web_vital.attribution.longest_script.invoker_type': 'event-listener',
      'browser.web_vital.attribution.longest_script.source_url': 'https://shop.example.com/assets/app.js',
      'browser.web_vital.attribution.longest_script.source_function_name': 'onSlowClick',
      'browser.web_vital.attribution.longest_script.subpart': 'processing-duration',
      'browser.web_vital.attribution.longest_script.duration': 201,
    })
  })

  it('leaves the script attributes out when the browser has no long animation frame for the interaction', () => {
    const inp = makeInp()
    const span = describeWebVital({ ...inp, attribution: { ...inp.attribution, longestScript: undefined } }, page)
    expect(Object.keys(span.attributes).filter((key) => key.includes('longest_script'))).toEqual([])
  })

  it('records CLS as an instant at its largest shift, with the element that moved', () => {
    const span = describeWebVital(makeCls(), page)
    expect([span.startTime, span.endTime]).toEqual([640, 640])
    expect(span.attributes).toMatchObject({
      'browser.web_vital.value': 0.1375,
      'browser.web_vital.attribution.largest_shift_target': 'html>body>img#hero',
      'browser.web_vital.attribution.largest_shift_value': 0.1375,
    })
  })

  it('records CLS without shifts at the moment it is reported, with no attribution', () => {
    const span = describeWebVital(makeCls({ value: 0, entries: [], attribution: {} }), page)
    expect([span.startTime, span.endTime]).toEqual([5000, 5000])
    expect(span.attributes['browser.web_vital.value']).toBe(0)
    expect(span.attributes).not.toHaveProperty('browser.web_vital.attribution.largest_shift_target')
  })

  it('ends a vital of a page restored from the back/forward cache when it is reported', () => {
    const span = describeWebVital(makeLcp({ navigationType: 'back-forward-cache', entries: [], value: 30 }), page)
    expect([span.startTime, span.endTime]).toEqual([4970, 5000])
  })

  it('records the TTFB phases', () => {
    const ttfb: TTFBMetricWithAttribution = {
      ...base,
      name: 'TTFB',
      value: 80,
      entries: [{} as PerformanceNavigationTiming],
      attribution: { waitingDuration: 5, cacheDuration: 0, dnsDuration: 10, connectionDuration: 20, requestDuration: 45 },
    }
    const span = describeWebVital(ttfb, page)
    expect([span.startTime, span.endTime]).toEqual([0, 80])
    expect(span.attributes).toMatchObject({ 'browser.web_vital.attribution.dns_duration': 10, 'browser.web_vital.attribution.request_duration': 45 })
  })

  it('drops non-finite numbers instead of recording them', () => {
    const lcp = makeLcp()
    const span = describeWebVital({ ...lcp, attribution: { ...lcp.attribution, resourceLoadDelay: Number.NaN } }, page)
    expect(span.attributes).not.toHaveProperty('browser.web_vital.attribution.resource_load_delay')
  })
})

describe('withoutQuery', () => {
  it('removes the query and fragment of a URL', () => {
    expect(withoutQuery('https://a.example/x.png?token=1#frag')).toBe('https://a.example/x.png')
    expect(withoutQuery('https://a.example/x.png#f?g')).toBe('https://a.example/x.png')
    expect(withoutQuery('/img/hero.png')).toBe('/img/hero.png')
  })
})

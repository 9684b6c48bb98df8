import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { TraceSearchPage } from '../model/trace-model'
import { NoTracesAdvice, SearchedServicesNote } from './trace-source-notes'

const page = (extra: Partial<TraceSearchPage>): TraceSearchPage => ({ traces: [], nextCursor: null, ...extra })
const STORE_ADVICE = createElement('p', null, 'the store advice')

describe('trace source notes', () => {
  it('says which services Jaeger searched when it could not search them all, and nothing otherwise', () => {
    const jaeger = { kind: 'jaeger' as const, name: 'Jaeger' }
    const some = renderToStaticMarkup(
      createElement(SearchedServicesNote, { page: page({ source: jaeger, searchedServices: { names: ['ad', 'cart'], total: 5 } }) }),
    )
    expect(some).toContain('Jaeger searches one service at a time: these are the traces of 2 of its 5 services (ad, cart).')
    expect(renderToStaticMarkup(createElement(SearchedServicesNote, { page: page({ source: jaeger, searchedServices: { names: ['ad'], total: 1 } }) }))).toBe(
      '',
    )
    expect(renderToStaticMarkup(createElement(SearchedServicesNote, { page: page({}) }))).toBe('')
  })

  it('names the configured source when a search finds nothing, keeping the store advice for the store', () => {
    const jaeger = renderToStaticMarkup(createElement(NoTracesAdvice, { page: page({ source: { kind: 'jaeger', name: 'Jaeger' } }), children: STORE_ADVICE }))
    expect(jaeger).toContain('The dashboard reads Jaeger (<code>JAEGER_URL</code>)')
    expect(jaeger).not.toMatch(/trace store|npm start|store advice/)
    const tempo = renderToStaticMarkup(createElement(NoTracesAdvice, { page: page({ source: { kind: 'tempo', name: 'Tempo' } }), children: STORE_ADVICE }))
    expect(tempo).toContain('The dashboard reads Tempo (<code>TEMPO_URL</code>')
    expect(renderToStaticMarkup(createElement(NoTracesAdvice, { page: page({}), children: STORE_ADVICE }))).toBe('<p>the store advice</p>')
  })
})

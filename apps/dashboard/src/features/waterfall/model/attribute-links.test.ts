import { describe, expect, it } from 'vitest'
import type { Attribute } from '../../traces/model/trace-model'
import { attributeIdHref, itemUuidHref } from './attribute-links'

const TRACE = '5b8efff798038103d269b633813fc60c'
const OTHER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
const context = { traceId: TRACE, hasSpan: (spanId: string) => spanId === 'eee19b7ec3c1b174' }
const attr = (key: string, value: Attribute['value']): Attribute => ({ key, value })
const href = (attribute: Attribute, siblings: Attribute[] = [attribute]) => attributeIdHref(attribute, siblings, context)

describe('attributeIdHref', () => {
  it('links trace ids under trace_id, *.trace_id, *_trace_id and trace.id keys', () => {
    for (const key of ['trace_id', 'link.trace_id', 'parent_trace_id', 'trace.id', 'app.traceId']) {
      expect(href(attr(key, OTHER_TRACE.toUpperCase())), key).toBe(`/traces/${OTHER_TRACE}`)
    }
  })

  it('links a span id to the trace its paired trace key names, else this trace when it has the span, else the lookup', () => {
    const spanId = attr('link.span_id', '00f067aa0ba902b7')
    expect(href(spanId, [attr('link.trace_id', OTHER_TRACE), spanId])).toBe(`/traces/${OTHER_TRACE}?span=00f067aa0ba902b7`)
    expect(href(attr('parent_span_id', 'eee19b7ec3c1b174'))).toBe(`/traces/${TRACE}?span=eee19b7ec3c1b174`)
    expect(href(attr('span_id', '00f067aa0ba902b7'))).toBe('/lookup?q=00f067aa0ba902b7')
  })

  it('links session ids with a safe charset to the session page', () => {
    expect(href(attr('session.id', '9f2c4e1a0b3d4c5e'))).toBe('/sessions/9f2c4e1a0b3d4c5e')
    expect(href(attr('app.session_id', 'sess-1'))).toBe('/sessions/sess-1')
    expect(href(attr('session.id', '../../api/config'))).toBeUndefined()
  })

  it('leaves other keys, non-string values and values that are not valid ids as text', () => {
    expect(href(attr('subtrace_id', OTHER_TRACE))).toBeUndefined()
    expect(href(attr('trace_identity', OTHER_TRACE))).toBeUndefined()
    expect(href(attr('trace_id', 'javascript:alert(1)'))).toBeUndefined()
    expect(href(attr('trace_id', '00000000000000000000000000000000'))).toBeUndefined()
    expect(href(attr('span_id', 42))).toBeUndefined()
    expect(href(attr('http.route', OTHER_TRACE))).toBeUndefined()
  })
})

describe('itemUuidHref', () => {
  const uuid = 'd4c7acef-55bf-4c9e-a95e-4fe9428a8287'
  it('goes to the item the trace already knows, else to the lookup by uuid', () => {
    expect(itemUuidHref(attr('rollbar.item.uuid', uuid), (key) => (key === uuid.replace(/-/g, '') ? 7 : undefined))).toBe('/errors/7')
    expect(itemUuidHref(attr('rollbar.item.uuid', uuid), () => undefined)).toBe(`/lookup?q=${uuid}`)
    expect(itemUuidHref(attr('rollbar.item.uuid', 'not-a-uuid'), () => undefined)).toBeUndefined()
    expect(itemUuidHref(attr('other', uuid), () => 1)).toBeUndefined()
  })
})

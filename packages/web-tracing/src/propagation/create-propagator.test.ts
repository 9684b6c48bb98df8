import { ROOT_CONTEXT, TraceFlags, trace, defaultTextMapSetter } from '@opentelemetry/api'
import { describe, expect, it } from 'vitest'
import { createPropagator } from './create-propagator.js'
import { b3, b3multi, xray } from './header-formats.js'

const TRACE_ID = '5b8efff798038103d269b633813fc60c'
const SPAN_ID = 'eee19b7ec3c1b174'
const active = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED })

describe('createPropagator', () => {
  it('writes traceparent by default', () => {
    const headers: Record<string, string> = {}
    createPropagator(['w3c']).inject(active, headers, defaultTextMapSetter)
    expect(headers).toEqual({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` })
  })

  it('writes the B3 and X-Ray formats given as values from the propagation entry', () => {
    const headers: Record<string, string> = {}
    createPropagator([b3(), b3multi(), xray()]).inject(active, headers, defaultTextMapSetter)
    expect(headers).toEqual({
      b3: `${TRACE_ID}-${SPAN_ID}-1`,
      'x-b3-traceid': TRACE_ID,
      'x-b3-spanid': SPAN_ID,
      'x-b3-sampled': '1',
      'x-amzn-trace-id': `Root=1-5b8efff7-98038103d269b633813fc60c;Parent=${SPAN_ID};Sampled=1`,
    })
  })

  it('adds nothing to a request that already carries a trace header, whatever its case', () => {
    const headers: Record<string, string> = { TraceParent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }
    createPropagator(['w3c']).inject(active, headers, defaultTextMapSetter)
    expect(headers).toEqual({ TraceParent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' })
  })

  it('writes no format when the request already carries any of them', () => {
    const headers: Record<string, string> = { B3: '0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-1' }
    createPropagator(['w3c', b3()]).inject(active, headers, defaultTextMapSetter)
    expect(headers).toEqual({ B3: '0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-1' })
  })

  it('writes nothing without an active span', () => {
    const headers: Record<string, string> = {}
    createPropagator(['w3c', b3()]).inject(ROOT_CONTEXT, headers, defaultTextMapSetter)
    expect(headers).toEqual({})
  })
})

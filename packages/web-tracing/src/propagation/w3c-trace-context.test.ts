import { createTraceState, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, trace, TraceFlags, type Context } from '@opentelemetry/api'
import { suppressTracing, W3CTraceContextPropagator } from '@opentelemetry/core'
import { describe, expect, it } from 'vitest'
import { w3cTraceContext } from './w3c-trace-context.js'

// The oracle: OpenTelemetry's own propagator. Ours must write and read the same.
const oracle = new W3CTraceContextPropagator()
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c'
const SPAN_ID = 'b7ad6b7169203331'

const withSpan = (spanContext: Parameters<typeof trace.setSpanContext>[1], context: Context = ROOT_CONTEXT) => trace.setSpanContext(context, spanContext)

const INJECT_CASES: Record<string, Context> = {
  'a sampled span': withSpan({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED }),
  'a span not sampled': withSpan({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.NONE }),
  'a span with tracestate': withSpan({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, traceState: createTraceState('vendor=a,other=b') }),
  'an invalid trace id': withSpan({ traceId: '0'.repeat(32), spanId: SPAN_ID, traceFlags: 1 }),
  'an invalid span id': withSpan({ traceId: TRACE_ID, spanId: '0'.repeat(16), traceFlags: 1 }),
  'suppressed tracing': suppressTracing(withSpan({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 })),
  'no span': ROOT_CONTEXT,
}

const TRACEPARENTS = [
  `00-${TRACE_ID}-${SPAN_ID}-01`,
  `00-${TRACE_ID}-${SPAN_ID}-00`,
  ` 00-${TRACE_ID}-${SPAN_ID}-01 `,
  `00-${TRACE_ID}-${SPAN_ID}-01-extra`,
  `01-${TRACE_ID}-${SPAN_ID}-01-future-fields`,
  `ff-${TRACE_ID}-${SPAN_ID}-01`,
  `00-${'0'.repeat(32)}-${SPAN_ID}-01`,
  `00-${TRACE_ID}-${'0'.repeat(16)}-01`,
  `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`,
  `00-${TRACE_ID}-${SPAN_ID}`,
  `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`,
  '',
  'garbage',
]

describe('w3cTraceContext, against @opentelemetry/core W3CTraceContextPropagator', () => {
  for (const [name, context] of Object.entries(INJECT_CASES)) {
    it(`writes the same headers for ${name}`, () => {
      const ours: Record<string, string> = {}
      const theirs: Record<string, string> = {}
      w3cTraceContext.inject(context, ours, defaultTextMapSetter)
      oracle.inject(context, theirs, defaultTextMapSetter)
      expect(ours).toEqual(theirs)
    })
  }

  for (const traceparent of TRACEPARENTS) {
    it(`reads the same span context from traceparent ${JSON.stringify(traceparent)}`, () => {
      const read = (propagator: typeof oracle | typeof w3cTraceContext) =>
        trace.getSpanContext(propagator.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter))
      expect(read(w3cTraceContext)).toEqual(read(oracle))
    })
  }

  it('reads the first of several traceparent values, and leaves the context alone without one', () => {
    const carrier = { traceparent: [`00-${TRACE_ID}-${SPAN_ID}-01`, `00-${'1'.repeat(32)}-${SPAN_ID}-01`] }
    expect(trace.getSpanContext(w3cTraceContext.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter))?.traceId).toBe(TRACE_ID)
    expect(w3cTraceContext.extract(ROOT_CONTEXT, {}, defaultTextMapGetter)).toBe(ROOT_CONTEXT)
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TraceModel } from '../features/traces/model/trace-model'
import type { LoadedTrace } from './loaded-trace'
import type { TraceSource } from './trace-source'

vi.mock('server-only', () => ({}))
const { cachedTrace, cachedTraceModel, clearTraceCache, TRACE_CACHE_MAX_ENTRIES, TRACE_CACHE_TTL_MS } = await import('./trace-cache')

function countingSource(result: (traceId: string) => Promise<TraceModel | null>) {
  const calls: string[] = []
  const source = { name: 'test source', trace: (traceId: string) => (calls.push(traceId), result(traceId)) } as unknown as TraceSource
  return { source, calls }
}
const trace = (traceId: string) => ({ traceId }) as TraceModel

afterEach(() => clearTraceCache())

describe('cachedTrace', () => {
  it('shares one upstream fetch between the outline and the full trace, until it expires', async () => {
    const { source, calls } = countingSource(async (traceId) => trace(traceId))
    const [first, second] = await Promise.all([cachedTrace(source, 'a', 0), cachedTrace(source, 'a', 10)])
    expect(first).toBe(second)
    expect(calls).toEqual(['a'])
    await cachedTrace(source, 'a', TRACE_CACHE_TTL_MS + 1)
    expect(calls).toEqual(['a', 'a'])
  })

  it('keeps neither failures nor missing traces', async () => {
    let fail = true
    const { source, calls } = countingSource(async (traceId) => {
      if (fail) throw new Error('down')
      return traceId === 'missing' ? null : trace(traceId)
    })
    await expect(cachedTrace(source, 'a', 0)).rejects.toThrow('down')
    fail = false
    expect(await (await cachedTrace(source, 'a', 1))?.model()).toEqual(trace('a'))
    expect(await cachedTrace(source, 'missing', 2)).toBeNull()
    expect(await cachedTrace(source, 'missing', 3)).toBeNull()
    expect(calls).toEqual(['a', 'a', 'missing', 'missing'])
  })

  it('derives the outline from the whole model for sources that have no outline of their own', async () => {
    const model = {
      traceId: 'a',
      startTimeUnixNano: '1000000',
      endTimeUnixNano: '3000000',
      durationMs: 2,
      resources: {},
      warnings: [],
      spans: [],
    } as TraceModel
    const { source } = countingSource(async () => model)
    const loaded = (await cachedTrace(source, 'a', 0))!
    expect(await loaded.model()).toBe(model)
    expect(loaded.outline()).toMatchObject({ traceId: 'a', durationMs: 2, spans: [] })
  })

  it("uses the source's own loader when it has one", async () => {
    const loaded = { outline: () => ({}), model: () => ({}), timing: { upstreamMs: 0, parseMs: 0 } } as unknown as LoadedTrace
    const source = { name: 'loading source', trace: () => Promise.reject(new Error('not this one')), load: async () => loaded } as unknown as TraceSource
    expect(await cachedTrace(source, 'a', 0)).toBe(loaded)
  })

  it('answers the model from the entry the outline was loaded into, asking the source nothing more', async () => {
    const model = trace('a')
    const loads: string[] = []
    const loaded = { outline: () => ({}), model: async () => model, timing: { upstreamMs: 0, parseMs: 0 } } as unknown as LoadedTrace
    const source = {
      name: 'loading source',
      trace: () => Promise.reject(new Error('not this one')),
      load: async (traceId: string) => (loads.push(traceId), loaded),
    } as unknown as TraceSource
    await cachedTrace(source, 'a', 0)
    expect(await cachedTraceModel(source, 'a', 1)).toBe(model)
    expect(loads).toEqual(['a'])
  })

  it('fetches the whole trace without its outline first when the model is asked for cold, and keeps it for the outline', async () => {
    const model = {
      traceId: 'a',
      startTimeUnixNano: '1000000',
      endTimeUnixNano: '3000000',
      durationMs: 2,
      resources: {},
      warnings: [],
      spans: [],
    } as TraceModel
    const source = { name: 'loading source', trace: async () => model, load: () => Promise.reject(new Error('not this one')) } as unknown as TraceSource
    expect(await cachedTraceModel(source, 'a', 0)).toBe(model)
    expect((await cachedTrace(source, 'a', 1))!.outline()).toMatchObject({ traceId: 'a', durationMs: 2 })
  })

  it('holds a bounded number of traces, dropping the least recently used', async () => {
    const { source, calls } = countingSource(async (traceId) => trace(traceId))
    for (let index = 0; index <= TRACE_CACHE_MAX_ENTRIES; index += 1) await cachedTrace(source, `t${index}`, 0)
    await cachedTrace(source, 't0', 1)
    expect(calls.filter((traceId) => traceId === 't0')).toHaveLength(2)
  })
})

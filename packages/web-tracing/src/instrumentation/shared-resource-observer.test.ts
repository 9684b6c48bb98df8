import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSharedResourceObserver, shareResourceObserver, type WaitingFetch } from './shared-resource-observer.js'

/** Stands in for the browser's PerformanceObserver: the test decides what is delivered when. */
class FakeObserver {
  static instances: FakeObserver[] = []
  observing = false
  constructor(private readonly callback: (list: { getEntries(): PerformanceEntry[] }) => void) {
    FakeObserver.instances.push(this)
  }
  observe() {
    this.observing = true
  }
  disconnect() {
    this.observing = false
  }
  deliver(entries: PerformanceEntry[]) {
    this.callback({ getEntries: () => entries })
  }
}

let nowMs = 1000
function entry(name: string, fetchStart: number, responseEnd: number, initiatorType = 'fetch') {
  return { name, fetchStart, responseEnd, initiatorType, entryType: 'resource' } as unknown as PerformanceResourceTiming
}

beforeEach(() => {
  FakeObserver.instances = []
  nowMs = 1000
  vi.stubGlobal('PerformanceObserver', FakeObserver)
  vi.spyOn(performance, 'now').mockImplementation(() => nowMs)
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('createSharedResourceObserver', () => {
  it('hands each fetch entry to the fetches of its URL that started before it, through one observer', () => {
    const prepare = createSharedResourceObserver()
    const first = prepare('http://api/a')
    nowMs = 1010
    const second = prepare('http://api/a')
    const other = prepare('http://api/b')
    expect(FakeObserver.instances).toHaveLength(1)

    const early = entry('http://api/a', 1002, 1005)
    const late = entry('http://api/a', 1012, 1020)
    FakeObserver.instances[0]!.deliver([early, late, entry('http://api/a', 1012, 1020, 'xmlhttprequest'), entry('http://api/c', 1012, 1020)])

    expect(first.entries).toEqual([early, late])
    expect(second.entries).toEqual([late])
    expect(other.entries).toEqual([])
    expect(first.spanUrl).toBe('http://api/a')
    expect(first.startTime).toHaveLength(2)
  })

  it('after the response, takes only entries that ended by it (instrumentation-fetch would skip the others)', () => {
    const prepare = createSharedResourceObserver()
    const pending = prepare('http://api/a')
    pending.endMs = 1004
    const own = entry('http://api/a', 1001, 1004.5)
    const later = entry('http://api/a', 1100, 1200)
    FakeObserver.instances[0]!.deliver([own, later])
    expect(pending.entries).toEqual([own])
  })

  it('closes the observer when no fetch waits, keeps it while one does, and opens a new one for the next fetch', () => {
    const prepare = createSharedResourceObserver()
    const first = prepare('http://api/a')
    const second = prepare('http://api/b')
    const observer = FakeObserver.instances[0]!
    first.observer!.disconnect()
    expect(observer.observing).toBe(true)
    // a disconnected fetch gets no more entries
    observer.deliver([entry('http://api/a', 1001, 1002)])
    expect(first.entries).toEqual([])
    second.observer!.disconnect()
    expect(observer.observing).toBe(false)

    prepare('http://api/a')
    expect(FakeObserver.instances).toHaveLength(2)
    expect(FakeObserver.instances[1]!.observing).toBe(true)
  })
})

type Hooked = { _prepareSpanData: (url: string) => WaitingFetch; _endSpan: (...args: unknown[]) => unknown }

describe('shareResourceObserver', () => {
  it('replaces the per-fetch observer of the pinned instrumentation-fetch and notes when each response ended', () => {
    const instrumentation = new FetchInstrumentation({ enabled: false }) as unknown as Hooked
    // the hooks this module relies on: a version without them must fail here
    expect(typeof instrumentation._prepareSpanData).toBe('function')
    expect(typeof instrumentation._endSpan).toBe('function')
    const ownPrepare = instrumentation._prepareSpanData
    const ownEndSpan = vi.fn(() => 'ended')
    instrumentation._endSpan = ownEndSpan
    shareResourceObserver(instrumentation)

    expect(instrumentation._prepareSpanData).not.toBe(ownPrepare)
    const pending = instrumentation._prepareSpanData('http://api/a')
    expect(pending.spanUrl).toBe('http://api/a')
    expect(FakeObserver.instances).toHaveLength(1)
    nowMs = 1042
    const span = {}
    const response = { status: 200 }
    expect(instrumentation._endSpan(span, pending, response)).toBe('ended')
    expect(pending.endMs).toBe(1042)
    expect(ownEndSpan).toHaveBeenCalledWith(span, pending, response)
  })

  it('leaves the instrumentation its own way in a browser without PerformanceObserver', () => {
    vi.stubGlobal('PerformanceObserver', undefined)
    const instrumentation = new FetchInstrumentation({ enabled: false }) as unknown as Hooked
    const own = instrumentation._prepareSpanData
    shareResourceObserver(instrumentation)
    expect(instrumentation._prepareSpanData).toBe(own)
  })
})

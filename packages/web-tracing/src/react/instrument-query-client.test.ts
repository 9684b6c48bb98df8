import { context, trace } from '@opentelemetry/api'
import { InMemorySpanExporter, SimpleSpanProcessor, StackContextManager, WebTracerProvider } from '@opentelemetry/sdk-trace-web'
import { MutationObserver, QueryClient } from '@tanstack/query-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ATTR_MUTATION_KEY,
  ATTR_QUERY_CACHE_HIT,
  ATTR_QUERY_HASH,
  ATTR_QUERY_KEY,
  ATTR_QUERY_RETRIES,
  ATTR_QUERY_STATUS,
  instrumentQueryClient,
} from './instrument-query-client.js'

describe('instrumentQueryClient', () => {
  const exporter = new InMemorySpanExporter()
  const provider = new WebTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
  const tracer = provider.getTracer('test')
  let queryClient: QueryClient

  beforeEach(() => {
    context.setGlobalContextManager(new StackContextManager().enable())
    exporter.reset()
    queryClient = new QueryClient({ defaultOptions: { queries: { retryDelay: 0 }, mutations: { retryDelay: 0 } } })
    instrumentQueryClient(queryClient, tracer)
  })
  afterEach(() => {
    queryClient.clear()
    context.disable()
  })

  it('records one span per query run, with the query function running in it on every attempt', async () => {
    let attempts = 0
    const activeSpanIds: (string | undefined)[] = []
    await queryClient.fetchQuery({
      queryKey: ['orders', 7],
      retry: 2,
      queryFn: () => {
        activeSpanIds.push(trace.getActiveSpan()?.spanContext().spanId)
        attempts++
        if (attempts < 3) return Promise.reject(new Error('flaky'))
        return Promise.resolve({ id: 7 })
      },
    })
    const [span, ...others] = exporter.getFinishedSpans()
    expect(others).toEqual([])
    expect(span!.name).toBe('query orders')
    expect(span!.attributes).toMatchObject({ [ATTR_QUERY_STATUS]: 'success', [ATTR_QUERY_RETRIES]: 2, [ATTR_QUERY_CACHE_HIT]: false })
    expect(activeSpanIds).toEqual([span!.spanContext().spanId, span!.spanContext().spanId, span!.spanContext().spanId])
  })

  it('marks a refetch over cached data as a cache hit and a failed run as an error', async () => {
    await queryClient.fetchQuery({ queryKey: ['cart'], queryFn: () => Promise.resolve(1) })
    await queryClient.refetchQueries({ queryKey: ['cart'] })
    await expect(queryClient.fetchQuery({ queryKey: ['broken'], retry: false, queryFn: () => Promise.reject(new Error('nope')) })).rejects.toThrow('nope')
    const spans = exporter.getFinishedSpans()
    expect(spans.map((span) => [span.name, span.attributes[ATTR_QUERY_CACHE_HIT], span.attributes[ATTR_QUERY_STATUS]])).toEqual([
      ['query cart', false, 'success'],
      ['query cart', true, 'success'],
      ['query broken', false, 'error'],
    ])
    expect(spans[2]!.status.code).toBe(2)
    expect(spans[2]!.events.map((event) => event.name)).toEqual(['exception'])
  })

  it('does not start a span for reads served from the cache or for callers joining a running fetch', async () => {
    await Promise.all([
      queryClient.fetchQuery({ queryKey: ['shared'], queryFn: () => Promise.resolve(1) }),
      queryClient.fetchQuery({ queryKey: ['shared'], queryFn: () => Promise.resolve(1) }),
    ])
    await queryClient.fetchQuery({ queryKey: ['shared'], queryFn: () => Promise.resolve(2), staleTime: Infinity })
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['query shared'])
  })

  it('records mutations, with the mutation function in the span even after an async onMutate', async () => {
    let activeSpanId: string | undefined
    const observer = new MutationObserver(queryClient, {
      mutationKey: ['checkout'],
      onMutate: () => Promise.resolve('optimistic'),
      mutationFn: () => {
        activeSpanId = trace.getActiveSpan()?.spanContext().spanId
        return Promise.resolve('ok')
      },
    })
    await observer.mutate(undefined)
    const [span] = exporter.getFinishedSpans()
    expect(span!.name).toBe('mutation checkout')
    expect(span!.attributes[ATTR_QUERY_STATUS]).toBe('success')
    expect(activeSpanId).toBe(span!.spanContext().spanId)
  })

  it('is idempotent per client', () => {
    const stop = instrumentQueryClient(queryClient, tracer)
    expect(instrumentQueryClient(queryClient, tracer)).toBe(stop)
  })

  it('names runs from the static start of the key, never from what the user typed, and keeps the whole key, secrets redacted', async () => {
    const term = "my neighbour's address 12 Elm Street"
    await queryClient.fetchQuery({ queryKey: ['activities', 'search', term], queryFn: () => Promise.resolve([]) })
    await queryClient.fetchQuery({ queryKey: [{ scope: 'users' }, 7], queryFn: () => Promise.resolve({}) })
    await queryClient.fetchQuery({ queryKey: ['session', { token: 'abc123', page: 2 }], queryFn: () => Promise.resolve({}) })
    const observer = new MutationObserver(queryClient, { mutationKey: ['posts', 'create', term], mutationFn: () => Promise.resolve('ok') })
    await observer.mutate(undefined)
    const spans = exporter.getFinishedSpans()
    expect(spans.map((span) => span.name)).toEqual(['query activities', 'query', 'query session', 'mutation posts'])
    expect(spans.map((span) => span.name).join()).not.toContain('Elm')
    expect(spans[0]!.attributes[ATTR_QUERY_KEY]).toBe(JSON.stringify(['activities', 'search', term]))
    expect(spans[2]!.attributes[ATTR_QUERY_KEY]).toBe('["session",{"token":"REDACTED","page":2}]')
    // TanStack's hash holds the token too
    expect(spans[2]!.attributes[ATTR_QUERY_HASH]).toBeUndefined()
    expect(spans[0]!.attributes[ATTR_QUERY_HASH]).toBe(JSON.stringify(['activities', 'search', term]))
    expect(spans[3]!.attributes[ATTR_MUTATION_KEY]).toBe(JSON.stringify(['posts', 'create', term]))
  })

  it("takes a run's meta.spanName first, then the spanName option, and keeps going when that option throws", async () => {
    const client = new QueryClient()
    let calls = 0
    instrumentQueryClient(client, tracer, {
      spanName: (key) => {
        calls++
        if (key[0] === 'bad') throw new Error('naming failed')
        return key.filter((part) => part === 'activities' || part === 'search').join(' ')
      },
      redactKeyFields: ['page'],
    })
    await client.fetchQuery({ queryKey: ['activities', 'search', 'secret term'], queryFn: () => Promise.resolve([]) })
    await client.fetchQuery({ queryKey: ['activities', 'home'], queryFn: () => Promise.resolve([]), meta: { spanName: 'activities home' } })
    await client.fetchQuery({ queryKey: ['bad', { page: 3 }], queryFn: () => Promise.resolve([]) })
    const spans = exporter.getFinishedSpans()
    expect(spans.map((span) => span.name)).toEqual(['query activities search', 'query activities home', 'query bad'])
    expect(spans[2]!.attributes[ATTR_QUERY_KEY]).toBe('["bad",{"page":"REDACTED"}]')
    expect(calls).toBe(2)
    client.clear()
  })
})

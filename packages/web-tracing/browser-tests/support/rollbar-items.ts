import { ATTR_ROLLBAR_ITEM_UUID } from '@spanlight/web-tracing/rollbar'
import type { TraceStore } from '@spanlight/trace-store'
import { attribute, expect, getJson, waitForTrace } from './fixtures.js'

export interface RollbarInstance {
  data: { uuid: string; custom?: Record<string, string>; body: { trace?: { exception?: { message?: string } } } }
}

/** Polls the store's Rollbar API until an occurrence whose exception message is `message` arrives. */
export async function waitForOccurrence(store: TraceStore, message: string): Promise<RollbarInstance['data']> {
  let found: RollbarInstance['data'] | undefined
  await expect
    .poll(
      async () => {
        const { body } = await getJson<{ result: { items: { id: number; title: string }[] } }>(`${store.url}/api/1/items?q=${encodeURIComponent(message)}`)
        for (const item of body.result.items) {
          const instances = await getJson<{ result: { instances: RollbarInstance[] } }>(`${store.url}/api/1/item/${item.id}/instances`)
          found = instances.body.result.instances.find((instance) => instance.data.body.trace?.exception?.message === message)?.data
          if (found) return true
        }
        return false
      },
      { message: `a Rollbar occurrence "${message}"` },
    )
    .toBe(true)
  return found!
}

/** The item's trace is stored, and one of its spans carries the exception event, ERROR status and the item uuid. */
export async function expectLinkedSpan(store: TraceStore, occurrence: RollbarInstance['data'], spanName: string) {
  const traceId = occurrence.custom!.trace_id!
  let errorSpan: Awaited<ReturnType<typeof waitForTrace>>['spans'][number] | undefined
  await expect
    .poll(async () => {
      const trace = await waitForTrace(store, traceId, 1)
      errorSpan = trace.spans.find((span) => span.spanId === occurrence.custom!.span_id)
      return errorSpan?.name
    })
    .toBe(spanName)
  expect(errorSpan!.status.code).toBe(2)
  expect(errorSpan!.events.map((event) => event.name)).toContain('exception')
  expect(attribute(errorSpan!, ATTR_ROLLBAR_ITEM_UUID)).toBe(occurrence.uuid)
  expect(attribute(errorSpan!, 'session.id')).toBe(occurrence.custom!.session_id)
}

type StoredSpan = Awaited<ReturnType<typeof waitForTrace>>['spans'][number]

/** Every span of `service` the store holds (the 50 latest traces). */
export async function spansOfService(store: TraceStore, service: string): Promise<StoredSpan[]> {
  const { body } = await getJson<{ traces: { traceId: string }[] }>(`${store.url}/api/traces?service=${encodeURIComponent(service)}&limit=50`)
  const spans: StoredSpan[] = []
  for (const summary of body.traces ?? []) spans.push(...(await waitForTrace(store, summary.traceId, 1)).spans)
  return spans
}

/** The spans that recorded an error (an `exception` event) but carry no Rollbar item uuid, by name: should be none. */
export function erroredSpansWithoutUuid(spans: StoredSpan[]): string[] {
  return spans.filter((span) => span.events.some((event) => event.name === 'exception') && !attribute(span, ATTR_ROLLBAR_ITEM_UUID)).map((span) => span.name)
}

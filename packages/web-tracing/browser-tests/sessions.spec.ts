import { ROOT_CONTEXT } from '@opentelemetry/api'
import { SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace'
import type { TraceView } from '@spanlight/trace-store'
import { attribute, expect, getJson, test, waitForTrace, type Page } from './support/fixtures.js'

interface StartedTrace {
  traceId: string
  sampled: boolean
  sessionId: string
}

interface SessionsApi {
  startTrace: (name: string) => StartedTrace
  flush: () => Promise<void>
  stats: () => { exportedSpans: number; droppedSpans: number; failedSpans: number; queuedSpans: number }
}

const startTrace = (page: Page, name: string) =>
  page.evaluate((traceName) => (window as never as { __TEST__: SessionsApi }).__TEST__.startTrace(traceName), name)
const flush = (page: Page) => page.evaluate(() => (window as never as { __TEST__: SessionsApi }).__TEST__.flush())
const stats = (page: Page) => page.evaluate(() => (window as never as { __TEST__: SessionsApi }).__TEST__.stats())

async function reload(page: Page) {
  await page.reload()
  await page.waitForFunction(() => (window as unknown as { __READY__?: boolean }).__READY__ === true)
}

type Span = TraceView['spans'][number]

/** The resource a stored span came with, as key → OTLP value (`{ stringValue }`, `{ intValue }`, …). */
function resourceOf(trace: TraceView, span: Span): Record<string, Record<string, unknown>> {
  const resource = trace.resources[String(span.resourceId)]!
  return Object.fromEntries(resource.attributes.map(({ key, value }) => [key, value as Record<string, unknown>]))
}

/** The session resource attributes of the root span of a stored trace (each span is checked to carry the same). */
async function storedSession(store: Parameters<typeof waitForTrace>[0], started: StartedTrace) {
  const trace = await waitForTrace(store, started.traceId, 2)
  const resources = trace.spans.map((span) => resourceOf(trace, span))
  for (const [index, span] of trace.spans.entries()) {
    expect(attribute(span, 'session.id'), 'session.id stays a span attribute').toBe(started.sessionId)
    expect(resources[index]).toEqual(resources[0])
  }
  const resource = resources[0]!
  // integers in OTLP JSON: int64 values as decimal strings
  const time = (key: string) => {
    expect(resource[key], key).toEqual({ intValue: expect.stringMatching(/^\d+$/) })
    return Number(resource[key]!.intValue)
  }
  return {
    resource,
    id: resource['session.id']?.stringValue,
    previousId: resource['session.previous_id']?.stringValue,
    startedMs: time('spanlight.session.start_time_unix_ms'),
    lastActiveMs: time('spanlight.session.last_activity_time_unix_ms'),
  }
}

test.describe('sessions', () => {
  test('spans arrive with their session as resource attributes next to the configured ones, and keep session.id', async ({ page, servers, openPage }) => {
    const beforeMs = Date.now()
    const config = await openPage('sessions')
    const started = await startTrace(page, 'checkout click')
    await flush(page)
    const session = await storedSession(servers.store, started)
    expect(session.resource).toMatchObject({
      'service.name': { stringValue: config.serviceName },
      'deployment.environment.name': { stringValue: 'test' },
      'session.id': { stringValue: started.sessionId },
    })
    expect(session.previousId).toBeUndefined()
    expect(session.startedMs).toBeGreaterThanOrEqual(beforeMs)
    expect(session.lastActiveMs).toBeGreaterThanOrEqual(session.startedMs)
    expect(session.lastActiveMs).toBeLessThanOrEqual(Date.now())
  })

  test('a reload keeps the session id and its start time', async ({ page, servers, openPage }) => {
    await openPage('sessions')
    const before = await startTrace(page, 'before reload')
    await flush(page)
    const first = await storedSession(servers.store, before)
    await reload(page)
    const after = await startTrace(page, 'after reload')
    await flush(page)
    const second = await storedSession(servers.store, after)
    expect(after.sessionId).toBe(before.sessionId)
    expect(second.id).toBe(first.id)
    expect(second.startedMs).toBe(first.startedMs)
    expect(second.lastActiveMs).toBeGreaterThanOrEqual(first.lastActiveMs)
  })

  test('after the inactivity timeout a new session starts and names the previous one', async ({ page, servers, openPage }) => {
    const timeoutMs = 300
    // spans wait for an explicit flush: the request then holds both sessions
    await openPage('sessions', { sessionTimeoutMs: timeoutMs, exportDelayMs: 60_000 })
    const before = await startTrace(page, 'first session')
    const lastActiveMs = await page.evaluate(() => Date.now())
    await page.waitForFunction((untilMs) => Date.now() > untilMs, lastActiveMs + timeoutMs)
    const after = await startTrace(page, 'second session')
    await flush(page)
    expect(after.sessionId).not.toBe(before.sessionId)
    const first = await storedSession(servers.store, before)
    const second = await storedSession(servers.store, after)
    expect(first).toMatchObject({ id: before.sessionId, previousId: undefined })
    expect(first.lastActiveMs).toBeLessThanOrEqual(lastActiveMs)
    expect(second).toMatchObject({ id: after.sessionId, previousId: before.sessionId })
    expect(second.startedMs).toBeGreaterThan(lastActiveMs + timeoutMs)
  })

  test('sampleBy session: each of 40 fresh sessions is kept or dropped whole, as its id decides, and about half are kept', async ({
    page,
    servers,
    openPage,
  }) => {
    const SESSIONS = 40
    const TRACES_PER_LOAD = 3
    const serviceName = `sessions-sampled-${Date.now()}`
    const oracle = new TraceIdRatioBasedSampler(0.5)
    const sessions = new Map<string, StartedTrace[]>()
    for (let index = 0; index < SESSIONS; index++) {
      // a fresh session: nothing stored from the one before
      if (index > 0) await page.evaluate(() => localStorage.clear())
      await openPage('sessions', { serviceName, sampleBy: 'session', sampleRate: 0.5 })
      // every fourth session is reloaded once: the same session decides the same
      for (let load = 0; load < (index % 4 === 0 ? 2 : 1); load++) {
        if (load > 0) await reload(page)
        const traces: StartedTrace[] = []
        for (let count = 0; count < TRACES_PER_LOAD; count++) traces.push(await startTrace(page, `trace ${count}`))
        await flush(page)
        const sessionId = traces[0]!.sessionId
        sessions.set(sessionId, [...(sessions.get(sessionId) ?? []), ...traces])
        const kept = traces.filter((started) => started.sampled).length
        expect(await stats(page)).toMatchObject({ exportedSpans: kept * 2, queuedSpans: 0, droppedSpans: 0, failedSpans: 0 })
      }
    }
    expect(sessions.size, 'every page load with cleared storage is a new session').toBe(SESSIONS)

    const keptTraceIds: string[] = []
    let keptSessions = 0
    for (const [sessionId, traces] of sessions) {
      const decisions = new Set(traces.map((started) => started.sampled))
      expect([...decisions], `session ${sessionId}: all kept or all dropped`).toHaveLength(1)
      const expected = oracle.shouldSample(ROOT_CONTEXT, sessionId).decision === SamplingDecision.RECORD_AND_SAMPLED
      expect(traces[0]!.sampled, `session ${sessionId}: decided from its id`).toBe(expected)
      if (expected) {
        keptSessions++
        keptTraceIds.push(...traces.map((started) => started.traceId))
      }
    }
    // binomial(40, 0.5): mean 20, standard deviation 3.2; this bound fails about once in 10^5 runs
    expect(keptSessions).toBeGreaterThanOrEqual(6)
    expect(keptSessions).toBeLessThanOrEqual(34)

    // the store holds exactly the traces of the kept sessions
    await expect
      .poll(async () => {
        const { body } = await getJson<{ traces: { traceId: string }[] }>(`${servers.store.url}/api/traces?service=${serviceName}&limit=1000`)
        return body.traces.map((summary) => summary.traceId).sort()
      })
      .toEqual(keptTraceIds.sort())
  })
})

import { trace } from '@opentelemetry/api'
import { TracerProvider, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace'
import { describe, expect, it } from 'vitest'
import { interactionAt } from '../signals/page-activity.js'
import { Interaction, type InteractionClock, type InteractionInit } from './interaction.js'

/** A clock whose paints and timers happen when the test says so. */
function fakeClock() {
  // times stay below the test's real performance.now(): the SDK takes larger numbers for epoch milliseconds
  let nowMs = 100
  const paints: (() => void)[] = []
  const tasks: (() => void)[] = []
  const timers: { atMs: number; callback: () => void }[] = []
  const clock: InteractionClock = {
    now: () => nowMs,
    beforeNextPaint: (callback) => void paints.push(callback),
    afterTask: (callback) => void tasks.push(callback),
    after(delayMs, callback) {
      const timer = { atMs: nowMs + delayMs, callback }
      timers.push(timer)
      return () => timers.splice(timers.indexOf(timer), 1)
    },
  }
  return {
    clock,
    /** a frame, then the task after it */
    paint(atMs: number) {
      nowMs = atMs
      paints.splice(0).forEach((callback) => callback())
      tasks.splice(0).forEach((callback) => callback())
    },
    task(atMs: number) {
      nowMs = atMs
      tasks.splice(0).forEach((callback) => callback())
    },
    advanceTo(atMs: number) {
      nowMs = atMs
      for (const timer of timers.filter((candidate) => candidate.atMs <= atMs)) timer.callback()
    },
  }
}

function setup(overrides: Partial<InteractionInit> = {}) {
  const finished: ReadableSpan[] = []
  const collect: SpanProcessor = {
    onStart: () => undefined,
    onEnd: (span) => void finished.push(span),
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  }
  const provider = new TracerProvider({ spanProcessors: [collect] })
  const fake = fakeClock()
  const ended: Interaction[] = []
  const interaction = new Interaction({
    tracer: provider.getTracer('test'),
    clock: fake.clock,
    type: 'click',
    target: { name: 'Add to cart', tag: 'button', selector: 'button#add' },
    startTimeMs: 99,
    maxDurationMs: 10_000,
    eager: true,
    onEnd: (done) => ended.push(done),
    ...overrides,
  })
  const spans = () => finished
  const ms = (time: [number, number]) => time[0] * 1000 + time[1] / 1e6 - performance.timeOrigin
  return { interaction, fake, spans, ended, ms }
}

describe('Interaction', () => {
  it('ends after the next paint when it caused nothing, as a span named after its event and element', () => {
    const { interaction, fake, spans, ended, ms } = setup()
    interaction.settle()
    expect(spans()).toHaveLength(0)
    fake.paint(116)
    expect(ended).toEqual([interaction])
    const [span] = spans()
    expect(span!.name).toBe('click Add to cart')
    expect(span!.attributes).toEqual({
      'browser.interaction.type': 'click',
      'browser.interaction.target.name': 'Add to cart',
      'browser.interaction.target.tag': 'button',
      'browser.interaction.target.selector': 'button#add',
    })
    expect(span!.parentSpanContext).toBeUndefined()
    expect(ms(span!.startTime)).toBeCloseTo(99, -1)
    expect(ms(span!.endTime)).toBeCloseTo(116, -1)
  })

  it('stays open while work it holds runs, and ends a task after the last release once the page has painted', () => {
    const { interaction, fake, spans, ms } = setup()
    interaction.settle()
    interaction.hold()
    interaction.hold()
    fake.task(105)
    fake.paint(116)
    interaction.release()
    fake.task(130)
    expect(spans()).toHaveLength(0)
    interaction.release()
    // work started before that task (a fetch after an await) keeps it open
    interaction.hold()
    fake.task(140)
    expect(spans()).toHaveLength(0)
    interaction.release()
    fake.task(150)
    expect(spans()).toHaveLength(1)
    expect(ms(spans()[0]!.endTime)).toBeCloseTo(150, -1)
    expect(interaction.isOpen).toBe(false)
    expect(interaction.context()).toBeUndefined()
  })

  it('does not end before the first paint after its event, even when its work is done sooner', () => {
    const { interaction, fake, spans } = setup()
    interaction.settle()
    interaction.hold()
    interaction.release()
    fake.task(105)
    expect(spans()).toHaveLength(0)
    fake.paint(116)
    expect(spans()).toHaveLength(1)
  })

  it('ends at its longest duration even while work is held', () => {
    const { interaction, fake, spans, ms } = setup({ maxDurationMs: 50 })
    interaction.hold()
    fake.advanceTo(160)
    expect(spans()).toHaveLength(1)
    expect(ms(spans()[0]!.endTime)).toBeCloseTo(160, -1)
    // a late release changes nothing
    interaction.release()
    fake.paint(170)
    expect(spans()).toHaveLength(1)
  })

  it('a lazy interaction starts its span only when its context is asked for, at its event time', () => {
    const { interaction, fake, spans, ms } = setup({ eager: false, startTimeMs: 95 })
    const context = interaction.context()
    expect(trace.getSpan(context!)?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/)
    interaction.settle()
    fake.paint(116)
    expect(ms(spans()[0]!.startTime)).toBeCloseTo(95, -1)

    const never = setup({ eager: false })
    never.interaction.settle()
    never.fake.paint(116)
    expect(never.spans()).toHaveLength(0)
    expect(never.ended).toEqual([never.interaction])
  })

  it('a click that submits a form becomes a submit named after the form', () => {
    const { interaction, fake, spans } = setup()
    interaction.retarget('submit', { name: 'Checkout', tag: 'form', selector: 'form#checkout' })
    interaction.settle()
    fake.paint(116)
    expect(spans()[0]!.name).toBe('submit Checkout')
    expect(spans()[0]!.attributes['browser.interaction.type']).toBe('submit')
    expect(spans()[0]!.attributes['browser.interaction.target.tag']).toBe('form')
  })

  it('is in the page-activity registry, with its span context, event type and end time', () => {
    const { interaction, fake, spans } = setup({ startTimeMs: 50 })
    const record = interactionAt(50)
    expect(record?.spanContext.spanId).toBe(trace.getSpan(interaction.context()!)!.spanContext().spanId)
    expect(record?.endTimeMs).toBeUndefined()
    interaction.retarget('submit', { name: 'Checkout', tag: 'form', selector: 'form' })
    interaction.settle()
    fake.paint(116)
    expect(record?.eventType).toBe('submit')
    expect(record?.endTimeMs).toBe(116)
    expect(spans()).toHaveLength(1)
  })
})

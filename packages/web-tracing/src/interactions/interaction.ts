import { ROOT_CONTEXT, trace, type Context, type Span, type Tracer } from '@opentelemetry/api'
import { noteInteraction, type InteractionRecord } from '../signals/page-activity.js'
import { ATTR_INTERACTION_TARGET_NAME, ATTR_INTERACTION_TARGET_SELECTOR, ATTR_INTERACTION_TARGET_TAG, ATTR_INTERACTION_TYPE } from './interaction-attributes.js'

export type InteractionType = 'click' | 'submit' | 'keydown'

/** What the span says about the element interacted with. */
export interface InteractionTarget {
  name: string
  tag: string
  selector: string
}

/** The time and scheduling an interaction needs; the browser's in the page, a fake one in tests. */
export interface InteractionClock {
  /** `performance.now()` */
  now(): number
  /** calls back just before the next paint: in the next animation frame (a hidden page has none: in a task) */
  beforeNextPaint(callback: () => void): void
  /** calls back in a task of its own, after the current one and its microtasks */
  afterTask(callback: () => void): void
  /** calls back after `delayMs`; returns what cancels it */
  after(delayMs: number, callback: () => void): () => void
}

export interface InteractionInit {
  tracer: Tracer
  clock: InteractionClock
  type: InteractionType
  target: InteractionTarget
  /** the event's `timeStamp` (`performance.now()` time) */
  startTimeMs: number
  /** the span ends by then at the latest */
  maxDurationMs: number
  /** false for clicks on no interactive element: the span is started only if the click causes something (a fetch, a span) */
  eager: boolean
  onEnd(interaction: Interaction): void
}

/**
 * One user interaction, from its event until it has settled: the page has
 * painted after the event and the work it holds (fetches, body reads, short
 * timers, animation frames it caused) is done — or `maxDurationMs` passed.
 * Its span `<type> <label>` starts at the event's time; work started while
 * the interaction is open becomes its children through `context()`.
 */
export class Interaction {
  private heldCount = 0
  private settling = false
  /** whether the first paint after the event has happened */
  private painted = false
  private span: Span | undefined
  private spanContext: Context | undefined
  private record: InteractionRecord | undefined
  private readonly cancelCap: () => void
  private open = true

  constructor(private readonly init: InteractionInit) {
    this.cancelCap = init.clock.after(init.maxDurationMs, () => this.end())
    if (init.eager) this.context()
  }

  get type(): InteractionType {
    return this.init.type
  }

  get isOpen(): boolean {
    return this.open
  }

  /** The context whose active span is this interaction's (started now if it was lazy); undefined once it has ended. */
  context(): Context | undefined {
    if (!this.open) return undefined
    if (!this.spanContext) {
      const { tracer, type, target, startTimeMs } = this.init
      const span = tracer.startSpan(`${type} ${target.name}`, { root: true, startTime: startTimeMs, attributes: targetAttributes(type, target) })
      this.span = span
      this.spanContext = trace.setSpan(ROOT_CONTEXT, span)
      // a click that submits a form becomes a submit: the record reads the type when asked
      const typeNow = () => this.type
      const record: InteractionRecord = {
        spanContext: span.spanContext(),
        get eventType() {
          return typeNow()
        },
        startTimeMs,
      }
      this.record = record
      noteInteraction(record)
    }
    return this.spanContext
  }

  /** A click or key that submitted a form: the interaction is that submit, named after the form. */
  retarget(type: InteractionType, target: InteractionTarget): void {
    this.init.type = type
    this.init.target = target
    if (!this.span) return
    this.span.updateName(`${type} ${target.name}`)
    this.span.setAttributes(targetAttributes(type, target))
  }

  /** Work caused by the interaction started: it stays open until `release`. */
  hold(): void {
    if (this.open) this.heldCount++
  }

  release(): void {
    if (!this.open) return
    this.heldCount = Math.max(0, this.heldCount - 1)
    if (this.heldCount === 0) this.settle()
  }

  /**
   * Ends the interaction once nothing is held: after the first paint that
   * follows its event, and after a task once work it held has settled (the
   * settlement's own continuations have run by then). Waiting for a frame
   * there too would make the browser render a frame per settled fetch,
   * wanted or not.
   */
  settle(): void {
    if (this.settling || !this.open) return
    this.settling = true
    const check = () => {
      this.settling = false
      if (this.heldCount === 0) this.end()
    }
    if (this.painted) return this.init.clock.afterTask(check)
    this.init.clock.beforeNextPaint(() => {
      // the frame paints right after this callback: a task later, it has
      this.painted = true
      if (this.heldCount === 0) this.init.clock.afterTask(check)
      else this.settling = false // the last release settles it again
    })
  }

  end(endTimeMs: number = this.init.clock.now()): void {
    if (!this.open) return
    this.open = false
    this.cancelCap()
    if (this.span) {
      this.span.end(endTimeMs)
      if (this.record) this.record.endTimeMs = endTimeMs
    }
    this.init.onEnd(this)
  }
}

function targetAttributes(type: InteractionType, target: InteractionTarget) {
  return {
    [ATTR_INTERACTION_TYPE]: type,
    [ATTR_INTERACTION_TARGET_NAME]: target.name,
    [ATTR_INTERACTION_TARGET_TAG]: target.tag,
    [ATTR_INTERACTION_TARGET_SELECTOR]: target.selector,
  }
}

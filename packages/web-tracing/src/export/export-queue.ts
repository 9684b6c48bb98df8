import type { Context } from '@opentelemetry/api'
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-web'
import { gzipSync } from './gzip-sync.js'
import { KeepaliveBudget } from './keepalive-budget.js'
import { encodeRequest, encodeSpan, REQUEST_OVERHEAD_BYTES, type AttributeRewriter, type EncodedSpan, type SessionResource } from './otlp-json.js'
import { sendOtlp, type FetchFunction, type SendResult } from './send-otlp.js'

const MAX_BACKOFF_MS = 30_000
/**
 * Largest body of a regular export. Small enough that the one request in
 * flight leaves most of the keepalive budget to the unload path, large
 * enough that a 2,000-span burst is ~40 requests.
 */
export const MAX_REQUEST_BYTES = 24 * 1024
/** spans of these instrumentations end ~300 ms after the response (resource timing): end them early at page hide */
const HTTP_CLIENT_SCOPES = ['@opentelemetry/instrumentation-fetch', '@opentelemetry/instrumentation-xml-http-request']
/** Set on spans ended because the page went away: what they waited for was cut short by the navigation, which is no error. */
export const ATTR_ENDED_ON_PAGE_HIDE = 'spanlight.ended_on_page_hide'
/** Open spans remembered for ending at unload; beyond this the oldest are forgotten. */
const MAX_TRACKED_OPEN_SPANS = 512

export interface ExportStats {
  /** spans accepted by the collector */
  exportedSpans: number
  /** spans dropped: the queue was full (oldest first), or they did not fit the browser's keepalive budget when the page went away */
  droppedSpans: number
  /** spans the collector rejected (a non-retryable status, or `partialSuccess.rejectedSpans`) */
  failedSpans: number
  /** spans waiting to be exported */
  queuedSpans: number
}

export interface ExportQueueOptions {
  url: string
  headers: Record<string, string>
  fetch: FetchFunction
  maxQueueSize: number
  maxBatchSize: number
  delayMs: number
  timeoutMs: number
  rewriteAttribute?: AttributeRewriter
  /** the resource attributes of each session; requests then group spans by session */
  sessionResource?: SessionResource
  /** runs for every started span (adds session.id); errors are the caller's to guard */
  onStart?: (span: Span) => void
  onDropped?: (count: number) => void
  now?: () => number
}

/** A span waiting for export, since when (the export delay counts from there), and its place in line. */
interface QueuedSpan extends EncodedSpan {
  readonly queuedAtMs: number
  readonly sequence: number
}

/** Spans in one request. */
interface Chunk {
  spans: QueuedSpan[]
  keepalive: boolean
  /** the page went away while this non-keepalive request was in flight: the unload path sent its spans again */
  handedOff: boolean
}

/** How far the page is from going away: spans that end while it is hidden or gone are sent at once. */
type PageState = 'visible' | 'hidden' | 'gone'

/**
 * The span processor that owns export: a bounded queue (oldest dropped and
 * counted), requests on a timer or when a batch is full, one request at a
 * time, retries with backoff honouring `Retry-After` for as long as the page
 * lives, and an unload path that ends in-flight fetch spans and hands every
 * pending span to one `keepalive` request, gzipped when plain JSON would
 * not fit the browser's keepalive budget.
 */
export class ExportQueue implements SpanProcessor {
  private readonly options: ExportQueueOptions
  private queue: QueuedSpan[] = []
  /** how many spans were ever queued: the sequence number of the newest */
  private queuedCount = 0
  private readonly openFetchSpans = new Set<Span>()
  /** requests of the regular export loop that are in flight */
  private readonly sending = new Set<Chunk>()
  /** every request not yet settled, for forceFlush */
  private readonly pending = new Set<Promise<unknown>>()
  private readonly keepalive = new KeepaliveBudget()
  private timer: ReturnType<typeof setTimeout> | undefined
  private timerDueMs = Infinity
  private exporting: Promise<void> | undefined
  private attempts = 0
  private blockedUntilMs = 0
  private pageState: PageState = 'visible'
  private leavingFlushQueued = false
  private shutDown = false
  private readonly counters = { exportedSpans: 0, droppedSpans: 0, failedSpans: 0 }

  constructor(options: ExportQueueOptions) {
    this.options = options
  }

  stats(): ExportStats {
    return { ...this.counters, queuedSpans: this.queue.length }
  }

  onStart(span: Span, _parentContext: Context): void {
    this.options.onStart?.(span)
    if (HTTP_CLIENT_SCOPES.includes(span.instrumentationScope.name)) {
      if (this.openFetchSpans.size >= MAX_TRACKED_OPEN_SPANS) {
        const oldest = this.openFetchSpans.values().next().value
        if (oldest) this.openFetchSpans.delete(oldest)
      }
      this.openFetchSpans.add(span)
    }
  }

  onEnd(span: ReadableSpan): void {
    this.openFetchSpans.delete(span as Span)
    if (this.shutDown) return
    // serialised once, now: sizes are known for batching and nothing is serialised at unload but the request
    const { json, bytes } = encodeSpan(span, this.options.rewriteAttribute)
    this.queue.push({ span, json, bytes, queuedAtMs: this.now(), sequence: ++this.queuedCount })
    this.enforceLimit()
    if (this.pageState !== 'visible') this.queueLeavingFlush()
    else this.scheduleNext()
  }

  /** Exports everything queued now and resolves when the collector has answered every request (or the export is backing off). */
  async forceFlush(): Promise<void> {
    this.clearTimer()
    for (;;) {
      if (this.queue.length > 0 && !this.isBlocked()) await this.runExports(true)
      else if (this.exporting) await this.exporting
      else if (this.pending.size > 0) await Promise.all(this.pending)
      else return
    }
  }

  async shutdown(): Promise<void> {
    await this.forceFlush()
    this.shutDown = true
    this.clearTimer()
    this.queue = []
  }

  /**
   * The page is hidden (it may never be shown again) or is going away
   * (`gone`): end fetch spans still waiting for their resource timing, then
   * hand every pending span — queued, or in a regular request that dies with
   * the page — to a `keepalive` request, which outlives the page. Spans
   * that end later, while the page is hidden or gone, follow at once.
   */
  pageHidden(state: 'hidden' | 'gone'): void {
    if (this.shutDown) return
    if (this.pageState !== 'gone') this.pageState = state
    for (const span of [...this.openFetchSpans]) {
      try {
        span.setAttribute(ATTR_ENDED_ON_PAGE_HIDE, true)
        span.end()
      } catch {
        // a span that cannot end must not stop the others
      }
    }
    this.openFetchSpans.clear()
    this.clearTimer()
    this.flushLeaving()
  }

  /** The page is visible again (or came back from the back/forward cache): back to regular batching. */
  pageShown(): void {
    this.pageState = 'visible'
    this.scheduleNext()
  }

  private flushLeaving(): void {
    const spans: QueuedSpan[] = []
    if (this.pageState === 'gone') {
      // a regular request without keepalive is cancelled with the page: send its spans again
      for (const chunk of this.sending) {
        if (chunk.keepalive || chunk.handedOff) continue
        chunk.handedOff = true
        spans.push(...chunk.spans)
      }
    }
    spans.push(...this.queue)
    this.queue = []
    if (spans.length > 0) this.sendLeaving(spans)
  }

  private queueLeavingFlush(): void {
    if (this.leavingFlushQueued) return
    this.leavingFlushQueued = true
    // a microtask still runs inside the pagehide turn, after the listener that ended the span
    queueMicrotask(() => {
      this.leavingFlushQueued = false
      if (this.pageState !== 'visible' && !this.shutDown) this.flushLeaving()
    })
  }

  /**
   * One keepalive request with as many spans as the budget allows: plain
   * JSON when it fits, gzip when not, and when even that is too large the
   * newest spans (those of the last thing the user did). What does not fit
   * is dropped and counted once the page is gone; while it is only hidden,
   * it goes back to the queue for a regular request.
   */
  private sendLeaving(spans: QueuedSpan[]): void {
    const budgetBytes = this.keepalive.availableBytes()
    let kept = spans
    let body: string | Uint8Array = this.encodeRequest(kept)
    let gzip = false
    if (body.length > budgetBytes) {
      gzip = true
      const text = body
      body = this.gzip(text)
      while (body.length > budgetBytes && kept.length > 0) {
        const keepCount = Math.min(kept.length - 1, Math.floor((kept.length * budgetBytes * 0.9) / body.length))
        kept = kept.slice(kept.length - keepCount)
        body = this.gzip(this.encodeRequest(kept))
      }
    }
    const rest = spans.slice(0, spans.length - kept.length)
    if (rest.length > 0) {
      if (this.pageState === 'gone') this.drop(rest.length)
      else this.queue.unshift(...rest)
    }
    if (kept.length === 0 || !this.keepalive.fits(body.length)) {
      if (kept.length > 0) this.queue.unshift(...kept)
      return
    }
    const chunk: Chunk = { spans: kept, keepalive: true, handedOff: false }
    this.track(
      this.send(chunk, body, { gzip, timeoutMs: undefined }).then((result) => {
        if (result.kind === 'retry') this.requeue(chunk.spans)
      }),
    )
  }

  private encodeRequest(spans: QueuedSpan[]): string {
    return encodeRequest(spans, this.options.sessionResource)
  }

  private gzip(text: string): Uint8Array {
    return gzipSync(new TextEncoder().encode(text))
  }

  private isBlocked(): boolean {
    return this.now() < this.blockedUntilMs
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }

  private enforceLimit(): void {
    const excess = this.queue.length - this.options.maxQueueSize
    if (excess <= 0) return
    this.queue.splice(0, excess)
    this.drop(excess)
  }

  private drop(count: number): void {
    this.counters.droppedSpans += count
    this.options.onDropped?.(count)
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    this.timerDueMs = Infinity
  }

  /** A request as soon as a full one is queued; a partial one when the oldest span has waited `delayMs`. */
  private scheduleNext(): void {
    if (this.queue.length === 0) return
    if (this.hasFullRequest()) this.schedule(0)
    else this.schedule(this.queue[0]!.queuedAtMs + this.options.delayMs - this.now())
  }

  private schedule(delayMs: number): void {
    if (this.shutDown || this.exporting || this.pageState !== 'visible') return
    const nowMs = this.now()
    const dueMs = Math.max(nowMs + Math.max(0, delayMs), this.blockedUntilMs)
    if (this.timer !== undefined && this.timerDueMs <= dueMs) return
    this.clearTimer()
    this.timerDueMs = dueMs
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.timerDueMs = Infinity
      void this.runExports()
    }, dueMs - nowMs)
  }

  /** Whether the queue holds more than `requests` full requests' worth: `maxBatchSize` spans, or `MAX_REQUEST_BYTES`, each. */
  private hasFullRequest(requests = 1): boolean {
    if (this.queue.length >= this.options.maxBatchSize * requests) return true
    let bytes = REQUEST_OVERHEAD_BYTES
    for (const queued of this.queue) {
      bytes += queued.bytes + 1
      if (bytes > MAX_REQUEST_BYTES * requests) return true
    }
    return false
  }

  /** The oldest queued span has waited the export delay. */
  private isDue(): boolean {
    return this.queue.length > 0 && this.now() - this.queue[0]!.queuedAtMs >= this.options.delayMs
  }

  /** Takes from the head of the queue as many spans as one request may carry: `maxBatchSize`, within `MAX_REQUEST_BYTES`. */
  private takeChunk(): QueuedSpan[] {
    const limitBytes = MAX_REQUEST_BYTES - REQUEST_OVERHEAD_BYTES
    let count = 0
    let bytes = 0
    while (count < this.queue.length && count < this.options.maxBatchSize) {
      bytes += this.queue[count]!.bytes + 1
      if (bytes > limitBytes && count > 0) break
      count++
    }
    return this.queue.splice(0, count)
  }

  /**
   * Sends the queue, one request at a time, unless the collector asks to
   * wait: full requests, and the whole backlog queued when the loop starts
   * — its partial last request included — when it is due (`all`, or the
   * export delay is over) or a burst (more than two requests' worth). In a
   * steady trickle the few spans past a full request wait for the next one
   * or their delay, and spans that end while the loop runs are not chased:
   * either would send a request per span or two. Spans stay in the queue
   * until their request starts, so the unload path sees every span that is
   * not in flight.
   */
  private runExports(all = false): Promise<void> {
    if (this.exporting) return this.exporting
    this.clearTimer()
    const backlogEnd = all || this.isDue() || this.hasFullRequest(2) ? this.queuedCount : 0
    const run = async () => {
      while (
        this.queue.length > 0 &&
        (this.queue[0]!.sequence <= backlogEnd || this.hasFullRequest()) &&
        !this.isBlocked() &&
        this.pageState === 'visible' &&
        !this.shutDown
      ) {
        const chunk: Chunk = { spans: this.takeChunk(), keepalive: false, handedOff: false }
        this.sending.add(chunk)
        let result: SendResult
        try {
          result = await this.send(chunk, this.encodeRequest(chunk.spans), { gzip: false, timeoutMs: this.options.timeoutMs })
        } finally {
          this.sending.delete(chunk)
        }
        if (chunk.handedOff) continue
        if (result.kind === 'retry') {
          this.attempts++
          const backoffMs = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (this.attempts - 1)) * (0.5 + Math.random() / 2)
          this.blockedUntilMs = this.now() + (result.afterMs ?? backoffMs)
          this.queue.unshift(...chunk.spans)
          this.enforceLimit()
        } else this.attempts = 0
      }
    }
    this.exporting = run().finally(() => {
      this.exporting = undefined
      this.scheduleNext()
    })
    return this.exporting
  }

  private requeue(spans: QueuedSpan[]): void {
    if (this.shutDown) return
    this.queue.unshift(...spans)
    this.enforceLimit()
    this.scheduleNext()
  }

  private track(promise: Promise<unknown>): void {
    this.pending.add(promise)
    void promise.finally(() => this.pending.delete(promise))
  }

  /**
   * One request, with keepalive when the budget allows it (so a request
   * started just before the page goes away still arrives). A keepalive
   * request the browser refuses (its quota is shared with the page's own
   * keepalive requests) is sent again at once without keepalive.
   */
  private async send(chunk: Chunk, body: string | Uint8Array, options: { gzip: boolean; timeoutMs: number | undefined }): Promise<SendResult> {
    const bytes = typeof body === 'string' ? body.length : body.byteLength
    const base = { headers: this.options.headers, gzip: options.gzip, timeoutMs: options.timeoutMs }
    chunk.keepalive = this.keepalive.fits(bytes)
    let result: SendResult
    if (chunk.keepalive) {
      this.keepalive.reserve(bytes)
      try {
        result = await sendOtlp(this.options.fetch, this.options.url, body, { ...base, keepalive: true })
      } finally {
        this.keepalive.release(bytes)
      }
      if (result.kind === 'retry' && result.networkError && this.pageState === 'visible') {
        chunk.keepalive = false
        result = await sendOtlp(this.options.fetch, this.options.url, body, { ...base, keepalive: false })
      }
    } else {
      result = await sendOtlp(this.options.fetch, this.options.url, body, { ...base, keepalive: false })
    }
    if (chunk.handedOff) return result
    const count = chunk.spans.length
    if (result.kind === 'ok') {
      const rejected = Math.min(count, result.rejectedSpans)
      this.counters.exportedSpans += count - rejected
      this.counters.failedSpans += rejected
    } else if (result.kind === 'failed') this.counters.failedSpans += count
    return result
  }
}

import type { Context } from '@opentelemetry/api'
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-web'
import type { AttributeRewriter } from './otlp-json.js'
import { toOtlpRequest } from './otlp-json.js'
import { sendOtlp, type FetchFunction, type SendResult } from './send-otlp.js'

/** Chromium refuses keepalive requests once 64 KiB of them are in flight; stay below. */
export const KEEPALIVE_BUDGET_BYTES = 60 * 1024
const MAX_ATTEMPTS = 5
const MAX_BACKOFF_MS = 30_000
/** spans of these instrumentations end ~300 ms after the response (resource timing): end them early at page hide */
const HTTP_CLIENT_SCOPES = ['@opentelemetry/instrumentation-fetch', '@opentelemetry/instrumentation-xml-http-request']
/** Open spans remembered for ending at unload; beyond this the oldest are forgotten. */
const MAX_TRACKED_OPEN_SPANS = 512

export interface ExportStats {
  /** spans accepted by the collector */
  exportedSpans: number
  /** spans dropped because the queue was full (oldest first) */
  droppedSpans: number
  /** spans given up on after failed or rejected exports */
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
  /** runs for every started span (adds session.id); errors are the caller's to guard */
  onStart?: (span: Span) => void
  onDropped?: (count: number) => void
  now?: () => number
}

const encoder = typeof TextEncoder === 'undefined' ? undefined : new TextEncoder()
// eslint-disable-next-line no-control-regex -- any character outside ASCII
const NON_ASCII = /[^\u0000-\u007f]/
/** UTF-8 length of a body; the usual all-ASCII body needs no encoding. */
const byteLength = (text: string) => (!NON_ASCII.test(text) ? text.length : encoder ? encoder.encode(text).length : text.length * 3)

/**
 * The span processor that owns export: a bounded queue (oldest dropped and
 * counted), batches on a timer or when full, one request in flight at a
 * time, retries with backoff honouring `Retry-After`, and an unload path
 * that ends in-flight fetch spans and sends everything with `keepalive`
 * in chunks under the browser's 64 KiB budget.
 */
export class ExportQueue implements SpanProcessor {
  private readonly options: ExportQueueOptions
  private queue: ReadableSpan[] = []
  private readonly openFetchSpans = new Set<Span>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private timerDueMs = Infinity
  private inFlight: Promise<void> | undefined
  private attempts = 0
  private blockedUntilMs = 0
  private keepaliveBytesInFlight = 0
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
    this.queue.push(span)
    this.enforceLimit()
    if (this.queue.length >= this.options.maxBatchSize) this.schedule(0)
    else this.schedule(this.options.delayMs)
  }

  /** Exports everything queued now and resolves when the collector has answered (or given up). */
  async forceFlush(): Promise<void> {
    this.clearTimer()
    while (this.inFlight) await this.inFlight
    while (this.queue.length > 0 && !this.isBlocked()) {
      const before = this.queue.length
      await this.exportNext()
      if (this.queue.length >= before) break
    }
  }

  async shutdown(): Promise<void> {
    await this.forceFlush()
    this.shutDown = true
    this.clearTimer()
    this.queue = []
  }

  /**
   * The page is going away (or hidden, which may be the last chance): end
   * fetch spans still waiting for their resource timing, then hand every
   * queued span to `keepalive` requests, which outlive the page.
   */
  flushOnHide(): void {
    for (const span of [...this.openFetchSpans]) {
      try {
        span.setAttribute('spanlight.ended_on_page_hide', true)
        span.end()
      } catch {
        // a span that cannot end must not stop the others
      }
    }
    this.openFetchSpans.clear()
    this.clearTimer()
    const spans = this.queue
    this.queue = []
    for (const chunk of this.chunk(spans)) {
      const fits = this.keepaliveBytesInFlight + chunk.bytes <= KEEPALIVE_BUDGET_BYTES
      void this.send(chunk, { keepalive: fits, timeoutMs: undefined }).then((result) => {
        if (result.kind === 'retry') this.requeue(chunk.spans)
      })
    }
  }

  private isBlocked(): boolean {
    return (this.options.now ?? Date.now)() < this.blockedUntilMs
  }

  private enforceLimit(): void {
    const excess = this.queue.length - this.options.maxQueueSize
    if (excess <= 0) return
    this.queue.splice(0, excess)
    this.counters.droppedSpans += excess
    this.options.onDropped?.(excess)
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    this.timerDueMs = Infinity
  }

  private schedule(delayMs: number): void {
    if (this.shutDown || this.inFlight) return
    const nowMs = (this.options.now ?? Date.now)()
    const dueMs = Math.max(nowMs + delayMs, this.blockedUntilMs)
    if (this.timer !== undefined && this.timerDueMs <= dueMs) return
    this.clearTimer()
    this.timerDueMs = dueMs
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.timerDueMs = Infinity
      void this.exportNext()
    }, dueMs - nowMs)
  }

  /** Serialises spans into bodies under the keepalive budget, splitting in halves as needed. */
  private chunk(spans: ReadableSpan[]): { spans: ReadableSpan[]; body: string; bytes: number; count: number }[] {
    if (spans.length === 0) return []
    const body = JSON.stringify(toOtlpRequest(spans, this.options.rewriteAttribute))
    const bytes = byteLength(body)
    if (bytes <= KEEPALIVE_BUDGET_BYTES || spans.length === 1) return [{ spans, body, bytes, count: spans.length }]
    const middle = Math.ceil(spans.length / 2)
    return [...this.chunk(spans.slice(0, middle)), ...this.chunk(spans.slice(middle))]
  }

  private exportNext(): Promise<void> {
    if (this.inFlight || this.queue.length === 0) return this.inFlight ?? Promise.resolve()
    const batch = this.queue.splice(0, this.options.maxBatchSize)
    const run = async () => {
      for (const chunk of this.chunk(batch)) {
        // keepalive lets a request started just before navigation finish
        const keepalive = this.keepaliveBytesInFlight + chunk.bytes <= KEEPALIVE_BUDGET_BYTES
        const result = await this.send(chunk, { keepalive, timeoutMs: this.options.timeoutMs })
        if (result.kind === 'retry') {
          this.attempts++
          if (this.attempts >= MAX_ATTEMPTS) {
            this.counters.failedSpans += chunk.count
            this.attempts = 0
          } else {
            const backoffMs = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.attempts - 1)) * (0.5 + Math.random() / 2)
            this.blockedUntilMs = (this.options.now ?? Date.now)() + (result.afterMs ?? backoffMs)
            this.requeue(chunk.spans)
          }
        } else this.attempts = 0
      }
    }
    this.inFlight = run().finally(() => {
      this.inFlight = undefined
      if (this.queue.length > 0) this.schedule(this.queue.length >= this.options.maxBatchSize ? 0 : this.options.delayMs)
    })
    return this.inFlight
  }

  private requeue(spans: ReadableSpan[]): void {
    if (this.shutDown) return
    this.queue.unshift(...spans)
    this.enforceLimit()
    this.schedule(this.options.delayMs)
  }

  private async send(chunk: { body: string; bytes: number; count: number }, options: { keepalive: boolean; timeoutMs: number | undefined }): Promise<SendResult> {
    const { body, count } = chunk
    const bytes = options.keepalive ? chunk.bytes : 0
    this.keepaliveBytesInFlight += bytes
    try {
      const result = await sendOtlp(this.options.fetch, this.options.url, body, { headers: this.options.headers, ...options })
      if (result.kind === 'ok') this.counters.exportedSpans += count
      else if (result.kind === 'failed') this.counters.failedSpans += count
      return result
    } finally {
      this.keepaliveBytesInFlight -= bytes
    }
  }
}

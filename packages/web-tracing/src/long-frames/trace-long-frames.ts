import { ROOT_CONTEXT, trace, type Context, type Link, type Tracer } from '@opentelemetry/api'
import { createLogger, type Logger } from '../logger.js'
import { currentPage, interactionOverlapping } from '../signals/page-activity.js'
import { BROWSER_LONG_THRESHOLD_MS, describeLongFrame, type LongFrameEntry } from './describe-long-frame.js'
import { createFrameBudget, DEFAULT_MAX_FRAMES_PER_MINUTE } from './frame-budget.js'
import { ATTR_LONG_FRAME_DURING, LONG_FRAME_SPAN_NAME } from './long-frame-attributes.js'

/** Every line the long-frames entry prints (after the `[spanlight]` prefix). */
export const LONG_FRAMES_MESSAGES = {
  notInBrowser: 'traceLongFrames: not in a browser, no Long Animation Frames or Long Tasks API (or tracing is off); long frames are not recorded',
  alreadyStarted: 'traceLongFrames was called again; long frames are already recorded',
  startFailed: 'traceLongFrames: starting failed; long frames are not recorded',
  recordFailed: 'traceLongFrames: recording a long frame failed; ignored',
  badOption: 'traceLongFrames: an option is not a positive number; using its default',
  overBudget: 'long frame not recorded: over the per-minute budget',
  recorded: 'long frame',
} as const

/** Frames shorter than this are not recorded by default: the browser's own threshold. */
export const DEFAULT_LONG_FRAME_THRESHOLD_MS = BROWSER_LONG_THRESHOLD_MS

export interface LongFramesOptions {
  /** frames (or tasks) shorter than this are not recorded; the browser reports none under 50. Default: 50 */
  thresholdMs?: number
  /** at most this many frames are recorded in any minute; the first ones are kept. Default: 30 */
  maxFramesPerMinute?: number
  /** print a `[spanlight]` debug line per recorded frame. Default: false */
  debug?: boolean
}

/** What `traceLongFrames` needs of `initWebTracing`'s handle. */
export interface LongFramesTracing {
  readonly enabled: boolean
  readonly tracer: Tracer
}

let started = false

/** The Long Animation Frames API where the browser has it (Chromium 123+), else the Long Tasks API, else none. */
export function observedEntryType(supported: readonly string[]): 'long-animation-frame' | 'longtask' | undefined {
  if (supported.includes('long-animation-frame')) return 'long-animation-frame'
  if (supported.includes('longtask')) return 'longtask'
  return undefined
}

/**
 * Records each long animation frame (a frame that kept the main thread busy
 * 50 ms or more; a long task where the browser has no Long Animation Frames
 * API) as a span `long animation frame`, with the script that ran longest in
 * it. A frame is the child of the interaction it delayed (recorded by the
 * `/interactions` entry), else of the navigation it delayed (`/routes`),
 * else a root span linked to the page's navigation. Frames from before the
 * call are recorded too (the browser buffers them). Never throws; returns
 * whether long frames are being recorded.
 */
export function traceLongFrames(tracing: LongFramesTracing, options: LongFramesOptions = {}): boolean {
  const logger = createLogger({ debug: options?.debug === true })
  try {
    const entryType = typeof PerformanceObserver === 'undefined' ? undefined : observedEntryType(PerformanceObserver.supportedEntryTypes ?? [])
    if (typeof window === 'undefined' || !entryType || !tracing?.enabled) {
      logger.debug(LONG_FRAMES_MESSAGES.notInBrowser)
      return false
    }
    if (started) {
      logger.warn(LONG_FRAMES_MESSAGES.alreadyStarted)
      return true
    }
    started = true
    start(tracing.tracer, entryType, options ?? {}, logger)
    return true
  } catch (error) {
    logger.warn(LONG_FRAMES_MESSAGES.startFailed, error)
    return false
  }
}

function positiveOption(value: unknown, fallback: number, logger: Logger): number {
  if (value === undefined) return fallback
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value
  logger.warn(LONG_FRAMES_MESSAGES.badOption, value)
  return fallback
}

function start(tracer: Tracer, entryType: 'long-animation-frame' | 'longtask', options: LongFramesOptions, logger: Logger): void {
  const thresholdMs = positiveOption(options.thresholdMs, DEFAULT_LONG_FRAME_THRESHOLD_MS, logger)
  const withinBudget = createFrameBudget(Math.floor(positiveOption(options.maxFramesPerMinute, DEFAULT_MAX_FRAMES_PER_MINUTE, logger)))

  const record = (entry: LongFrameEntry) => {
    if (entry.duration < thresholdMs) return
    if (!withinBudget(entry.startTime)) {
      logger.debug(LONG_FRAMES_MESSAGES.overBudget, entry.duration)
      return
    }
    const endTimeMs = entry.startTime + entry.duration
    const { parent, during, links } = placeFrame(entry.startTime, endTimeMs)
    const attributes = { ...describeLongFrame(entry), [ATTR_LONG_FRAME_DURING]: during }
    tracer.startSpan(LONG_FRAME_SPAN_NAME, { startTime: entry.startTime, attributes, links }, parent).end(endTimeMs)
    logger.debug(LONG_FRAMES_MESSAGES.recorded, entry.duration, during)
  }

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      try {
        record(entry as unknown as LongFrameEntry)
      } catch (error) {
        logger.warn(LONG_FRAMES_MESSAGES.recordFailed, error)
      }
    }
  }).observe({ type: entryType, buffered: true })
}

/**
 * Where a frame's span goes: under the interaction whose time it overlaps
 * (it delayed that interaction's response), else under the navigation it
 * overlaps (it delayed the new page), else at the root, linked to the
 * navigation that brought the app to the page it happened on.
 */
function placeFrame(startTimeMs: number, endTimeMs: number): { parent: Context; during: string; links: Link[] } {
  const interaction = interactionOverlapping(startTimeMs, endTimeMs)
  if (interaction) return { parent: trace.setSpanContext(ROOT_CONTEXT, interaction.spanContext), during: 'interaction', links: [] }
  const page = currentPage()
  if (page?.spanContext) {
    const overlaps = page.startTimeMs <= endTimeMs && (page.endTimeMs === undefined || page.endTimeMs >= startTimeMs)
    if (overlaps) return { parent: trace.setSpanContext(ROOT_CONTEXT, page.spanContext), during: 'navigation', links: [] }
    return { parent: ROOT_CONTEXT, during: 'page', links: [{ context: page.spanContext }] }
  }
  return { parent: ROOT_CONTEXT, during: 'page', links: [] }
}

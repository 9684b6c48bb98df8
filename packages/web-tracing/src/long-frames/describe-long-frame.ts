import type { Attributes } from '@opentelemetry/api'
import * as ATTR from './long-frame-attributes.js'

/** The fields of a `long-animation-frame` script entry (PerformanceScriptTiming) that are recorded. */
export interface LongFrameScript {
  readonly invoker: string
  readonly invokerType: string
  readonly sourceURL: string
  readonly sourceFunctionName: string
  readonly duration: number
}

/** A `long-animation-frame` entry, or a `longtask` entry (which has only the first three fields). */
export interface LongFrameEntry {
  readonly entryType: string
  readonly startTime: number
  readonly duration: number
  readonly blockingDuration?: number
  readonly renderStart?: number
  readonly styleAndLayoutStart?: number
  readonly scripts?: readonly LongFrameScript[]
}

/** The browser's own threshold for both APIs: a task or frame longer than this is long, and the rest of it is blocking. */
export const BROWSER_LONG_THRESHOLD_MS = 50

/** A URL without its query and fragment (script URLs carry versions, and sometimes tokens). */
function withoutQuery(url: string): string {
  return url.replace(/[?#].*$/s, '')
}

/** An invoker is a script's URL for `classic-script` and `module-script`, a name (`BUTTON#buy.onclick`) otherwise. */
function invokerWithoutQuery(invoker: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(invoker) ? withoutQuery(invoker) : invoker
}

function put(attributes: Attributes, key: string, value: string | number | undefined): void {
  if (value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) return
  attributes[key] = value
}

/** The attributes of one long frame's span, with its longest script's attribution. Pure: tested without a browser. */
export function describeLongFrame(entry: LongFrameEntry): Attributes {
  const attributes: Attributes = {
    [ATTR.ATTR_LONG_FRAME_ENTRY_TYPE]: entry.entryType,
    [ATTR.ATTR_LONG_FRAME_DURATION]: entry.duration,
  }
  // a long task blocks for whatever it took beyond 50 ms; a frame says so itself (summed over its tasks)
  put(attributes, ATTR.ATTR_LONG_FRAME_BLOCKING_DURATION, entry.blockingDuration ?? Math.max(0, entry.duration - BROWSER_LONG_THRESHOLD_MS))
  // 0 means the frame did not render (or never got to style and layout)
  if (entry.renderStart) put(attributes, ATTR.ATTR_LONG_FRAME_RENDER_START, entry.renderStart - entry.startTime)
  if (entry.styleAndLayoutStart) put(attributes, ATTR.ATTR_LONG_FRAME_STYLE_AND_LAYOUT_START, entry.styleAndLayoutStart - entry.startTime)
  if (!entry.scripts) return attributes

  attributes[ATTR.ATTR_LONG_FRAME_SCRIPT_COUNT] = entry.scripts.length
  let longest: LongFrameScript | undefined
  for (const script of entry.scripts) if (!longest || script.duration > longest.duration) longest = script
  if (longest) {
    put(attributes, ATTR.ATTR_LONG_FRAME_SCRIPT_INVOKER, invokerWithoutQuery(longest.invoker))
    put(attributes, ATTR.ATTR_LONG_FRAME_SCRIPT_INVOKER_TYPE, longest.invokerType)
    put(attributes, ATTR.ATTR_LONG_FRAME_SCRIPT_SOURCE_URL, withoutQuery(longest.sourceURL))
    put(attributes, ATTR.ATTR_LONG_FRAME_SCRIPT_FUNCTION_NAME, longest.sourceFunctionName)
    put(attributes, ATTR.ATTR_LONG_FRAME_SCRIPT_DURATION, longest.duration)
  }
  return attributes
}

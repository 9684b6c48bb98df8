import type { Attributes } from '@opentelemetry/api'
import type { MetricWithAttribution } from 'web-vitals/attribution'
import { ATTR_PAGE_PATH, ATTR_PAGE_ROUTE } from '../signals/page-activity.js'
import * as ATTR from './web-vital-attributes.js'

/** Span names are `web vital LCP`, `web vital INP`, … */
export const WEB_VITAL_SPAN_PREFIX = 'web vital '

/** What the page knows when a vital is reported. */
export interface PageViewContext {
  /** `performance.now()` when the vital was reported */
  now: number
  /** this page view's id (`spanlight.navigation.id`) */
  navigationId: string
  /** `location.pathname` */
  path: string
  /** the app's route template, when it gave one */
  template?: string | undefined
}

export interface WebVitalSpan {
  name: string
  /** ms since the page's time origin, like every `performance` time */
  startTime: number
  endTime: number
  attributes: Attributes
}

/** A URL without its query and fragment (signed image URLs carry secrets there). */
export function withoutQuery(url: string): string {
  return url.replace(/[?#].*$/s, '')
}

function put(attributes: Attributes, key: string, value: string | number | undefined): void {
  if (value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) return
  attributes[key] = value
}

/**
 * The span for one web-vitals report: LCP, FCP and TTFB span from the
 * navigation start to the moment they measure, INP from the interaction to
 * its next paint, CLS is an instant at its largest shift. Metrics of a
 * page restored from the back/forward cache have no entries to time them
 * by: their span ends when they are reported. Pure: tested without a browser.
 */
export function describeWebVital(metric: MetricWithAttribution, page: PageViewContext): WebVitalSpan {
  const attributes: Attributes = {
    [ATTR.ATTR_WEB_VITAL_NAME]: metric.name.toLowerCase(),
    [ATTR.ATTR_WEB_VITAL_VALUE]: metric.value,
    [ATTR.ATTR_WEB_VITAL_RATING]: metric.rating,
    [ATTR.ATTR_WEB_VITAL_DELTA]: metric.delta,
    [ATTR.ATTR_WEB_VITAL_ID]: metric.id,
    [ATTR.ATTR_WEB_VITAL_NAVIGATION_TYPE]: metric.navigationType,
    [ATTR.ATTR_NAVIGATION_ID]: page.navigationId,
    [ATTR.ATTR_URL_PATH]: page.path,
    [ATTR_PAGE_PATH]: page.path,
  }
  put(attributes, ATTR.ATTR_URL_TEMPLATE, page.template)
  put(attributes, ATTR_PAGE_ROUTE, page.template)

  const timedByEntries = metric.entries.length > 0 && metric.navigationType !== 'back-forward-cache'
  const navigationStart = metric.navigationStartTime ?? 0
  let startTime = timedByEntries ? navigationStart : page.now - metric.value
  let endTime = timedByEntries ? navigationStart + metric.value : page.now

  switch (metric.name) {
    case 'LCP': {
      const { attribution } = metric
      put(attributes, ATTR.ATTR_ATTRIBUTION_TARGET, attribution.target)
      put(attributes, ATTR.ATTR_ATTRIBUTION_URL, attribution.url === undefined ? undefined : withoutQuery(attribution.url))
      put(attributes, ATTR.ATTR_ATTRIBUTION_TIME_TO_FIRST_BYTE, attribution.timeToFirstByte)
      put(attributes, ATTR.ATTR_ATTRIBUTION_RESOURCE_LOAD_DELAY, attribution.resourceLoadDelay)
      put(attributes, ATTR.ATTR_ATTRIBUTION_RESOURCE_LOAD_DURATION, attribution.resourceLoadDuration)
      put(attributes, ATTR.ATTR_ATTRIBUTION_ELEMENT_RENDER_DELAY, attribution.elementRenderDelay)
      break
    }
    case 'INP': {
      const { attribution } = metric
      put(attributes, ATTR.ATTR_ATTRIBUTION_INTERACTION_TARGET, attribution.interactionTarget)
      put(attributes, ATTR.ATTR_ATTRIBUTION_INTERACTION_TYPE, attribution.interactionType)
      // what web-vitals 3 called `eventType`: the event of the interaction that lasted longest (`pointerdown` for most clicks: it waits for the same paint)
      put(attributes, ATTR.ATTR_ATTRIBUTION_EVENT_TYPE, metric.entries[0]?.name)
      put(attributes, ATTR.ATTR_ATTRIBUTION_INPUT_DELAY, attribution.inputDelay)
      put(attributes, ATTR.ATTR_ATTRIBUTION_PROCESSING_DURATION, attribution.processingDuration)
      put(attributes, ATTR.ATTR_ATTRIBUTION_PRESENTATION_DELAY, attribution.presentationDelay)
      put(attributes, ATTR.ATTR_ATTRIBUTION_LOAD_STATE, attribution.loadState)
      const script = attribution.longestScript
      if (script) {
        put(attributes, ATTR.ATTR_ATTRIBUTION_SCRIPT_INVOKER, script.entry.invoker)
        put(attributes, ATTR.ATTR_ATTRIBUTION_SCRIPT_INVOKER_TYPE, script.entry.invokerType)
        put(attributes, ATTR.ATTR_ATTRIBUTION_SCRIPT_SOURCE_URL, script.entry.sourceURL ? withoutQuery(script.entry.sourceURL) : undefined)
        put(attributes, ATTR.ATTR_ATTRIBUTION_SCRIPT_FUNCTION_NAME, script.entry.sourceFunctionName)
        put(attributes, ATTR.ATTR_ATTRIBUTION_SCRIPT_SUBPART, script.subpart)
        put(attributes, ATTR.ATTR_ATTRIBUTION_SCRIPT_DURATION, script.intersectingDuration)
      }
      if (timedByEntries && attribution.interactionTime !== undefined) {
        startTime = attribution.interactionTime
        endTime = attribution.interactionTime + metric.value
      }
      break
    }
    case 'CLS': {
      const { attribution } = metric
      put(attributes, ATTR.ATTR_ATTRIBUTION_LARGEST_SHIFT_TARGET, attribution.largestShiftTarget)
      put(attributes, ATTR.ATTR_ATTRIBUTION_LARGEST_SHIFT_VALUE, attribution.largestShiftValue)
      put(attributes, ATTR.ATTR_ATTRIBUTION_LARGEST_SHIFT_TIME, attribution.largestShiftTime)
      put(attributes, ATTR.ATTR_ATTRIBUTION_LOAD_STATE, attribution.loadState)
      // a score, not a time: an instant at the largest shift (or when reported)
      startTime = endTime = timedByEntries && attribution.largestShiftTime !== undefined ? attribution.largestShiftTime : page.now
      break
    }
    case 'FCP': {
      const { attribution } = metric
      put(attributes, ATTR.ATTR_ATTRIBUTION_TIME_TO_FIRST_BYTE, attribution.timeToFirstByte)
      put(attributes, ATTR.ATTR_ATTRIBUTION_FIRST_BYTE_TO_FCP, attribution.firstByteToFCP)
      put(attributes, ATTR.ATTR_ATTRIBUTION_LOAD_STATE, attribution.loadState)
      break
    }
    case 'TTFB': {
      const { attribution } = metric
      put(attributes, ATTR.ATTR_ATTRIBUTION_WAITING_DURATION, attribution.waitingDuration)
      put(attributes, ATTR.ATTR_ATTRIBUTION_CACHE_DURATION, attribution.cacheDuration)
      put(attributes, ATTR.ATTR_ATTRIBUTION_DNS_DURATION, attribution.dnsDuration)
      put(attributes, ATTR.ATTR_ATTRIBUTION_CONNECTION_DURATION, attribution.connectionDuration)
      put(attributes, ATTR.ATTR_ATTRIBUTION_REQUEST_DURATION, attribution.requestDuration)
      break
    }
  }
  return { name: `${WEB_VITAL_SPAN_PREFIX}${metric.name}`, startTime: Math.max(0, startTime), endTime: Math.max(0, endTime), attributes }
}

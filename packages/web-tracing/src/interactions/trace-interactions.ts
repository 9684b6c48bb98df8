import type { Tracer } from '@opentelemetry/api'
import { createLogger, type Logger } from '../logger.js'
import { createBrowserClock } from './browser-clock.js'
import { carryInteractions } from './carry-interactions.js'
import { elementLabel } from './element-label.js'
import { elementSelector } from './element-selector.js'
import { findDialog, findInteractiveElement, innermostElement, isTextEntry } from './find-interactive-element.js'
import { Interaction, type InteractionTarget, type InteractionType } from './interaction.js'
import { extendGlobalContextManager } from './interaction-context-manager.js'
import { currentInteraction, enterInteraction, postTaskBoundary, startTaskBoundaries } from './interaction-scope.js'

/** Every line the interactions entry prints (after the `[spanlight]` prefix). */
export const INTERACTIONS_MESSAGES = {
  notInBrowser: 'traceInteractions: not in a browser (or tracing is off); interactions are not recorded',
  alreadyStarted: 'traceInteractions was called again; interactions are already recorded',
  startFailed: 'traceInteractions: starting failed; interactions are not recorded',
  noContextManager: 'traceInteractions: initWebTracing has not installed a context manager; interactions are not recorded',
  recordFailed: 'traceInteractions: recording an interaction failed; ignored',
  recorded: 'interaction',
} as const

/** Longest an interaction's span lasts by default, ms. */
export const DEFAULT_INTERACTION_MAX_DURATION_MS = 10_000
/** Keys that activate what has focus. */
const ACTIVATION_KEYS = new Set(['Enter', ' ', 'Escape'])

export interface InteractionsOptions {
  /** an interaction's span ends by this long after its event, even if fetches it caused are still running (ms). Default: 10000 */
  maxDurationMs?: number
  /** print a `[spanlight]` debug line per recorded interaction. Default: false */
  debug?: boolean
}

/** What `traceInteractions` needs of `initWebTracing`'s handle. */
export interface InteractionsTracing {
  readonly enabled: boolean
  readonly tracer: Tracer
}

let running = false

/**
 * Records clicks, form submits and key activations (Enter, Space, Escape)
 * as spans `<type> <label>`, and makes the fetches each one causes its
 * children — after `await`s too, without zone.js (see the README's
 * "Interactions"). Call it once, after `initWebTracing`; it stops when that
 * handle shuts down. Never throws; returns whether interactions are being
 * recorded.
 */
export function traceInteractions(tracing: InteractionsTracing, options: InteractionsOptions = {}): boolean {
  const logger = createLogger({ debug: options?.debug === true })
  try {
    if (typeof window === 'undefined' || typeof document === 'undefined' || !tracing?.enabled) {
      logger.debug(INTERACTIONS_MESSAGES.notInBrowser)
      return false
    }
    if (running) {
      logger.warn(INTERACTIONS_MESSAGES.alreadyStarted)
      return true
    }
    running = start(tracing.tracer, options ?? {}, logger)
    return running
  } catch (error) {
    logger.warn(INTERACTIONS_MESSAGES.startFailed, error)
    return false
  }
}

function start(tracer: Tracer, options: InteractionsOptions, logger: Logger): boolean {
  const maxDurationMs =
    typeof options.maxDurationMs === 'number' && options.maxDurationMs > 0 && Number.isFinite(options.maxDurationMs)
      ? options.maxDurationMs
      : DEFAULT_INTERACTION_MAX_DURATION_MS
  // the browser's own timers, before carryInteractions wraps them
  const clock = createBrowserClock(window)
  const open = new Set<Interaction>()

  // An activation is one interaction even when the browser turns it into
  // several events: a click that submits a form (same task), a click on a
  // label (which clicks its field, same task), Enter or Space on a button
  // (keydown, then a click with detail 0 when the key goes up).
  let createdThisTask: Interaction | undefined
  let labelClicked: { interaction: Interaction; control: Element } | undefined
  let keyActivation: { interaction: Interaction; key: string; released: boolean } | undefined

  const begin = (type: InteractionType, element: Element, event: Event, eager: boolean) => {
    const target = describeTarget(element)
    const interaction = new Interaction({
      tracer,
      clock,
      type,
      target,
      startTimeMs: event.timeStamp,
      maxDurationMs,
      eager,
      onEnd: (ended) => open.delete(ended),
    })
    open.add(interaction)
    createdThisTask = interaction
    enterInteraction(interaction)
    interaction.settle()
    logger.debug(INTERACTIONS_MESSAGES.recorded, type, target.name)
    return interaction
  }
  const openOrNone = (interaction: Interaction | undefined) => (interaction?.isOpen ? interaction : undefined)

  const onClick = (event: MouseEvent) => {
    if (!event.isTrusted) return
    const activated = openOrNone(keyActivation?.interaction)
    if (activated && event.detail === 0) {
      enterInteraction(activated)
      createdThisTask = activated
      return
    }
    const labelled = labelClicked?.interaction.isOpen && labelClicked.control === event.target ? labelClicked.interaction : undefined
    if (labelled) return enterInteraction(labelled)
    const element = findInteractiveElement(event)
    const target = element ?? innermostElement(event)
    // a click on no interactive element gets its span only if it causes something
    if (!target) return
    const interaction = begin('click', target, event, element !== undefined)
    const control = element?.localName === 'label' ? (element as HTMLLabelElement).control : null
    if (control) labelClicked = { interaction, control }
  }
  const onSubmit = (event: Event) => {
    if (!event.isTrusted) return
    const form = innermostElement(event)
    if (!form) return
    const activation = openOrNone(createdThisTask) ?? openOrNone(keyActivation?.interaction)
    if (!activation) return void begin('submit', form, event, true)
    activation.retarget('submit', describeTarget(form))
    activation.context()
    enterInteraction(activation)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.isTrusted || event.repeat || event.isComposing || !ACTIVATION_KEYS.has(event.key)) return
    const focused = innermostElement(event)
    // Space in a text field is typing, and so is Enter in a multi-line one; Enter in an input submits or searches
    if (focused && isTextEntry(focused) && (event.key === ' ' || (event.key === 'Enter' && focused.localName !== 'input'))) return
    const element = findInteractiveElement(event) ?? (event.key === 'Escape' ? findDialog(event) : undefined)
    if (!element) return
    endKeyActivation()
    const interaction = begin('keydown', element, event, true)
    // open at least until the key is up: Space activates a button only then
    interaction.hold()
    keyActivation = { interaction, key: event.key, released: false }
  }
  const endKeyActivation = () => {
    keyActivation?.interaction.release()
    keyActivation = undefined
  }
  const onKeyUp = (event: KeyboardEvent) => {
    if (!keyActivation || event.key !== keyActivation.key) return
    releaseKeyActivation()
  }
  const releaseKeyActivation = () => {
    if (!keyActivation) return
    // Space clicks in the keyup's task: the activation ends at the next task boundary
    keyActivation.released = true
    postTaskBoundary()
  }

  const guarded =
    <E extends Event>(listener: (event: E) => void) =>
    (event: E) => {
      try {
        listener(event)
      } catch (error) {
        logger.warn(INTERACTIONS_MESSAGES.recordFailed, error)
      }
    }
  const listeners: [string, (event: never) => void][] = [
    ['click', guarded(onClick)],
    ['submit', guarded(onSubmit)],
    ['keydown', guarded(onKeyDown)],
    ['keyup', guarded(onKeyUp)],
    // the window lost focus while the key was down: its keyup goes elsewhere
    ['blur', guarded((event: FocusEvent) => event.target === window && releaseKeyActivation())],
    // the page is going away: end what is open, so the export at page exit takes it
    ['pagehide', guarded(() => [...open].forEach((interaction) => interaction.end()))],
  ]

  const stopBoundaries = startTaskBoundaries(() => {
    createdThisTask = undefined
    labelClicked = undefined
    if (keyActivation?.released) endKeyActivation()
  }, window.setTimeout.bind(window))
  const restoreTaskSources: (() => void)[] = []
  const stop = () => {
    for (const [type, listener] of listeners) window.removeEventListener(type, listener as EventListener, { capture: true })
    restoreTaskSources.forEach((restore) => restore())
    for (const interaction of [...open]) interaction.end()
    stopBoundaries()
    running = false
  }
  if (!extendGlobalContextManager(() => currentInteraction()?.context(), stop)) {
    stopBoundaries()
    logger.warn(INTERACTIONS_MESSAGES.noContextManager)
    return false
  }
  restoreTaskSources.push(carryInteractions(window))
  // capture on window: before any other listener (React's on its root container included)
  for (const [type, listener] of listeners) window.addEventListener(type, listener as EventListener, { capture: true, passive: true })
  return true
}

function describeTarget(element: Element): InteractionTarget {
  let tag = 'unknown'
  try {
    tag = element.localName
    return { name: elementLabel(element), tag, selector: elementSelector(element) }
  } catch {
    // an element that throws on being read (a hostile custom element): its tag is all there is
    return { name: tag, tag, selector: tag }
  }
}

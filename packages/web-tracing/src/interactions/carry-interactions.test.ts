import { afterEach, describe, expect, it } from 'vitest'
import { carryInteractions } from './carry-interactions.js'
import type { Interaction } from './interaction.js'
import { currentInteraction, enterInteraction } from './interaction-scope.js'

/** An interaction as the carriers see it: open, and counting what it holds. */
function fakeInteraction(name: string) {
  const fake = { name, isOpen: true, held: 0, hold: () => fake.held++, release: () => fake.held-- }
  return fake as typeof fake & Interaction
}

/** A window whose timers, frames and fetches run when the test says, each as a task of its own. */
function fakeWindow() {
  const tasks: (() => void)[] = []
  const fetches: { resolve(value: string): void }[] = []
  const win = {
    setTimeout: (callback: () => void) => tasks.push(callback),
    clearTimeout: () => undefined,
    setInterval: (callback: () => void) => tasks.push(callback),
    requestAnimationFrame: (callback: (timeMs: number) => void) => tasks.push(() => callback(0)),
    cancelAnimationFrame: () => undefined,
    fetch: () => new Promise<string>((resolve) => fetches.push({ resolve })),
  }
  return {
    win: win as unknown as Window & typeof globalThis,
    original: { ...win },
    tasks,
    fetches,
    /** runs the next task and its microtasks */
    async runTask() {
      tasks.shift()!()
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}

describe('carryInteractions', () => {
  const stops: (() => void)[] = []
  afterEach(() => {
    stops.splice(0).forEach((stop) => stop())
    // no task boundaries run here: what a test leaves in scope, it clears
    enterInteraction(undefined)
  })

  it('runs a timer and a frame in the interaction that scheduled them, and holds it open until they ran', async () => {
    const page = fakeWindow()
    stops.push(carryInteractions(page.win))
    const click = fakeInteraction('click')
    const seen: unknown[] = []
    enterInteraction(click)
    page.win.setTimeout(() => seen.push(currentInteraction()), 50)
    page.win.requestAnimationFrame(() => seen.push(currentInteraction()))
    expect(click.held).toBe(2)
    enterInteraction(undefined)
    await page.runTask()
    await page.runTask()
    expect(seen).toEqual([click, click])
    expect(click.held).toBe(0)
  })

  it('never lets a timer scheduled outside interactions, or an interval, inherit one', async () => {
    const page = fakeWindow()
    stops.push(carryInteractions(page.win))
    const seen: unknown[] = []
    page.win.setTimeout(() => seen.push(currentInteraction() ?? 'none'), 50)
    const click = fakeInteraction('click')
    enterInteraction(click)
    page.win.setInterval(() => seen.push(currentInteraction() ?? 'none'), 50)
    // the click's task left its scope behind: the background timer's task still runs in none
    await page.runTask()
    enterInteraction(click)
    await page.runTask()
    expect(seen).toEqual(['none', 'none'])
  })

  it('settles a fetch in the interaction that started it, after awaits, even when another interaction ran meanwhile', async () => {
    const page = fakeWindow()
    stops.push(carryInteractions(page.win))
    const first = fakeInteraction('first')
    const second = fakeInteraction('second')
    const seen: unknown[] = []
    enterInteraction(first)
    void (async () => {
      await Promise.resolve()
      await page.win.fetch('/slow')
      seen.push(currentInteraction())
    })()
    await new Promise((resolve) => setImmediate(resolve))
    expect(first.held).toBe(1)
    enterInteraction(second)
    page.fetches[0]!.resolve('done')
    await new Promise((resolve) => setImmediate(resolve))
    expect(seen).toEqual([first])
    expect(first.held).toBe(0)
  })

  it('puts the browser functions back when stopped, and passes calls through unchanged', async () => {
    const page = fakeWindow()
    const stop = carryInteractions(page.win)
    expect(page.win.fetch).not.toBe(page.original.fetch)
    await expect(Promise.race([page.win.fetch('/x'), Promise.resolve('pending')])).resolves.toBe('pending')
    stop()
    for (const [name, value] of Object.entries(page.original)) expect(page.win[name as keyof typeof page.original]).toBe(value)
  })

  it('leaves an entry point the page has locked alone', () => {
    const page = fakeWindow()
    Object.defineProperty(page.win, 'fetch', { value: page.original.fetch, writable: false })
    stops.push(carryInteractions(page.win))
    expect(page.win.fetch).toBe(page.original.fetch)
    expect(page.win.setTimeout).not.toBe(page.original.setTimeout)
  })
})

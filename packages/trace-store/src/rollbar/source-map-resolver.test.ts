import { afterAll, describe, expect, it } from 'vitest'
import { APP_SOURCE, appPositionOf, buildMinifiedApp } from '../../test-support/minified-app.js'
import { openDatabase } from '../store/open-database.js'
import { cleanSourcePath } from './original-frame.js'
import { SourceMapResolver } from './source-map-resolver.js'
import { SourceMapStore } from './source-map-store.js'

const SCRIPT_URL = 'http://127.0.0.1:3000/assets/index-abc.js'
const app = buildMinifiedApp(SCRIPT_URL)

type Frame = Record<string, unknown>
const occurrence = (frames: unknown[], versions: Record<string, unknown> = { code_version: '1.0.0' }) => ({
  ...versions,
  body: { trace: { frames, exception: { class: 'Error', message: 'total too high' } } },
})
const framesOf = (data: unknown) => (data as { body: { trace: { frames: Frame[] } } }).body.trace.frames

describe('SourceMapResolver with a map uploaded for the code version', () => {
  const db = openDatabase(':memory:')
  const store = new SourceMapStore(db)
  store.save('1.0.0', SCRIPT_URL, app.mapText)
  const resolver = new SourceMapResolver({ store })
  afterAll(() => db.close())

  it('resolves the frame that threw to the original file, line, column and function, keeping the minified place', async () => {
    const frames = framesOf(await resolver.resolveOccurrence(occurrence(app.frames)))
    const thrower = app.frames.at(-1)!
    expect(frames.at(-1)).toEqual({
      filename: 'src/cart.ts',
      ...appPositionOf("new Error('total too high')"),
      method: 'computeTotal',
      minified: thrower,
      code: "  if (total > 100) throw new Error('total too high')",
      context: { pre: APP_SOURCE.split('\n').slice(0, 3), post: ['  return total', '}', 'export function renderCart(items: Item[]): string {'] },
    })
    // the minified file had neither the name nor the line
    expect(thrower.method).not.toBe('computeTotal')
    expect(thrower.lineno).toBe(1)
  })

  it('names each caller from its own caller’s call site', async () => {
    const frames = framesOf(await resolver.resolveOccurrence(occurrence(app.frames)))
    const caller = frames.at(-2)!
    expect(caller).toMatchObject({ filename: 'src/cart.ts', ...appPositionOf('computeTotal(items)'), method: 'renderCart' })
  })

  it('finds the map by data.client.javascript.code_version as well', async () => {
    const data = occurrence(app.frames, { client: { javascript: { code_version: '1.0.0' } } })
    expect(framesOf(await resolver.resolveOccurrence(data)).at(-1)).toMatchObject({ filename: 'src/cart.ts', method: 'computeTotal' })
  })

  it('leaves frames of another version, another file, or without a line as they were', async () => {
    const otherVersion = occurrence(app.frames, { code_version: '2.0.0' })
    expect(await resolver.resolveOccurrence(otherVersion)).toEqual(otherVersion)
    const otherFile = { filename: 'http://127.0.0.1:3000/assets/other.js', lineno: 1, colno: 76, method: 'o' }
    const noLine = { filename: SCRIPT_URL, method: 'o' }
    expect(framesOf(await resolver.resolveOccurrence(occurrence([otherFile, noLine])))).toEqual([otherFile, noLine])
  })

  it('resolves every trace of a trace_chain and does not change the stored data', async () => {
    const data = { code_version: '1.0.0', body: { trace_chain: [{ frames: app.frames }, { frames: [app.frames.at(-1)] }] } }
    const before = structuredClone(data)
    const resolved = (await resolver.resolveOccurrence(data)) as { body: { trace_chain: { frames: Frame[] }[] } }
    expect(resolved.body.trace_chain.map((trace) => trace.frames.at(-1)!.filename)).toEqual(['src/cart.ts', 'src/cart.ts'])
    expect(data).toEqual(before)
  })

  it('hands back anything that is not an occurrence with frames unchanged', async () => {
    for (const data of [null, 'text', { body: { message: { body: 'hi' } } }, { code_version: '1.0.0', body: { trace: { frames: 'no' } } }]) {
      expect(await resolver.resolveOccurrence(data)).toEqual(data)
    }
  })
})

describe('SourceMapResolver with a broken map', () => {
  it('leaves the frames as they were', async () => {
    const db = openDatabase(':memory:')
    const store = new SourceMapStore(db)
    // valid JSON, mappings pointing at source 7 of 1: nothing to look up
    store.save('1.0.0', SCRIPT_URL, JSON.stringify({ version: 3, sources: ['a.ts'], names: [], mappings: 'AOAA,CAAC' }))
    const resolver = new SourceMapResolver({ store })
    const data = occurrence(app.frames)
    expect(await resolver.resolveOccurrence(data)).toEqual(data)
    db.close()
  })
})

describe('cleanSourcePath', () => {
  it('names app sources from the project root and library sources from their package', () => {
    expect(cleanSourcePath('../../src/app.tsx')).toBe('src/app.tsx')
    expect(cleanSourcePath('webpack://shop/./src/app.tsx')).toBe('src/app.tsx')
    expect(cleanSourcePath('../../node_modules/.pnpm/react-dom@19.3.1/node_modules/react-dom/cjs/client.js')).toBe('node_modules/react-dom/cjs/client.js')
    expect(cleanSourcePath('/home/dev/shop/src/app.tsx')).toBe('/home/dev/shop/src/app.tsx')
  })
})

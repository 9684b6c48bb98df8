import { describe, expect, it } from 'vitest'
import type { StackFrame } from './rollbar-model'
import { fileBaseName, frameGroups, frameLocation, isLibraryFrame } from './stack-frames'

const makeFrame = (filename: string, overrides: Partial<StackFrame> = {}): StackFrame => ({
  filename,
  lineno: 1,
  colno: 1,
  method: 'f',
  code: null,
  ...overrides,
})

describe('isLibraryFrame', () => {
  it('counts dependencies, vendored code, the bundler runtime and Node internals as library frames', () => {
    expect(
      [
        '/srv/app/node_modules/express/lib/router/index.js',
        'webpack://shop/node_modules/react-dom/cjs/react-dom.development.js',
        'C:\\app\\node_modules\\lodash\\lodash.js',
        'https://shop.example/static/vendor/jquery.min.js',
        'webpack/bootstrap',
        'webpack://shop/webpack/bootstrap 3f2a',
        'node:internal/process/task_queues',
        'internal/timers.js',
      ].map((filename) => isLibraryFrame(makeFrame(filename))),
    ).toEqual([true, true, true, true, true, true, true, true])
  })

  it("counts the app's own files as in-app, including a file merely named vendor", () => {
    expect(
      ['/srv/app/src/cart.ts', 'webpack://shop/./src/checkout.tsx', 'https://shop.example/static/vendor.js', 'https://shop.example/assets/index-abc.js'].map(
        (filename) => isLibraryFrame(makeFrame(filename)),
      ),
    ).toEqual([false, false, false, false])
  })

  it("follows the payload's own in_app mark over the file name", () => {
    expect(isLibraryFrame(makeFrame('/srv/app/src/cart.ts', { inApp: false }))).toBe(true)
    expect(isLibraryFrame(makeFrame('/srv/app/node_modules/own-fork/index.js', { inApp: true }))).toBe(false)
  })
})

describe('frameGroups', () => {
  it('collapses each run of consecutive library frames into one group, keeping the order', () => {
    // app, lib, lib, app, lib
    const frames = [
      makeFrame('src/a.ts'),
      makeFrame('node_modules/x/1.js'),
      makeFrame('node_modules/x/2.js'),
      makeFrame('src/b.ts'),
      makeFrame('node:internal/timers'),
    ]
    const groups = frameGroups(frames)
    expect(groups.map((group) => (group.kind === 'frame' ? `frame ${group.index}` : `library ${group.frames.map((f) => f.index).join(',')}`))).toEqual([
      'frame 0',
      'library 1,2',
      'frame 3',
      'library 4',
    ])
  })

  it('shows every frame when none is in-app', () => {
    const groups = frameGroups([makeFrame('node_modules/x/1.js'), makeFrame('node:internal/timers')])
    expect(groups).toHaveLength(2)
    expect(groups.every((group) => group.kind === 'frame' && group.library)).toBe(true)
  })
})

describe('frame locations', () => {
  it('names a file by its last segment and a position by what is known', () => {
    expect(fileBaseName('https://shop.example/assets/index-abc.js?v=3#x')).toBe('index-abc.js')
    expect(fileBaseName('C:\\app\\src\\cart.ts')).toBe('cart.ts')
    expect(frameLocation('index-abc.js', 9, 119381)).toBe('index-abc.js:9:119381')
    expect(frameLocation('cart.ts', 42, null)).toBe('cart.ts:42')
    expect(frameLocation('cart.ts', null, null)).toBe('cart.ts')
  })
})

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bakedEnv, computeBuildKey, listInputFiles, rebuildReason } from './build-key.mjs'

let rootDir
beforeEach(() => {
  rootDir = mkdtempSync(path.join(tmpdir(), 'spanlight-build-key-'))
  write('app/src/main.ts', 'console.log(1)')
  write('app/src/main.test.ts', 'test')
  write('app/index.html', '<html></html>')
  write('app/node_modules/dep/index.js', 'dependency')
  write('lock.yaml', 'lockfile v1')
  write('elsewhere.ts', 'not an input')
})
afterEach(() => rmSync(rootDir, { recursive: true, force: true }))

function write(relative, text) {
  mkdirSync(path.dirname(path.join(rootDir, relative)), { recursive: true })
  writeFileSync(path.join(rootDir, relative), text)
}

const INPUTS = ['app', 'lock.yaml', 'app/missing.json']
const key = (env = {}) => computeBuildKey({ rootDir, inputs: INPUTS, ignore: /\.test\./, env, envPrefixes: ['VITE_'] })

describe('listInputFiles', () => {
  it('lists the files under the inputs, sorted, without node_modules, ignored files or missing paths', () => {
    expect(listInputFiles(rootDir, INPUTS, /\.test\./)).toEqual(['app/index.html', 'app/src/main.ts', 'lock.yaml'])
  })
})

describe('computeBuildKey', () => {
  it('is the same for the same inputs', () => {
    expect(key()).toBe(key())
  })

  it('changes when a source file, the lockfile or the set of files changes', () => {
    const before = key()
    write('app/src/main.ts', 'console.log(2)')
    const afterEdit = key()
    write('lock.yaml', 'lockfile v2')
    const afterLock = key()
    write('app/src/new-module.ts', '')
    const afterNewFile = key()
    expect(new Set([before, afterEdit, afterLock, afterNewFile]).size).toBe(4)
  })

  it('does not change for files outside the inputs, ignored files or dependencies in node_modules', () => {
    const before = key()
    write('elsewhere.ts', 'changed')
    write('app/src/main.test.ts', 'changed')
    write('app/node_modules/dep/index.js', 'changed')
    expect(key()).toBe(before)
  })

  it('changes with the baked-in environment variables only', () => {
    const before = key({ PATH: '/bin' })
    expect(key({ PATH: '/usr/bin', HOME: '/root' })).toBe(before)
    expect(key({ PATH: '/bin', VITE_API_URL: 'http://127.0.0.1:4568' })).not.toBe(before)
  })
})

describe('bakedEnv', () => {
  it('keeps the variables with a baked prefix, sorted by name', () => {
    expect(bakedEnv({ VITE_B: '2', PATH: '/bin', VITE_A: '1' }, ['VITE_'])).toEqual([
      ['VITE_A', '1'],
      ['VITE_B', '2'],
    ])
  })
})

describe('rebuildReason', () => {
  it('skips the build when the stored key matches', () => {
    expect(rebuildReason({ storedKey: 'abc', currentKey: 'abc' })).toBeUndefined()
  })

  it('builds when there is no previous build, the inputs changed, or it is forced', () => {
    expect(rebuildReason({ storedKey: undefined, currentKey: 'abc' })).toBe('no previous build')
    expect(rebuildReason({ storedKey: 'abc', currentKey: 'def' })).toBe('inputs changed')
    expect(rebuildReason({ storedKey: 'abc', currentKey: 'abc', force: true })).toBe('forced')
  })
})

import { describe, expect, it } from 'vitest'
import { openDatabase } from '../store/open-database.js'
import { SourceMapStore } from './source-map-store.js'

const mapOfBytes = (bytes: number) => JSON.stringify({ version: 3, sources: [], mappings: '', x: 'x'.repeat(bytes - 50) }).slice(0, bytes)

describe('SourceMapStore', () => {
  it('keeps the most recently uploaded maps within the byte limit', () => {
    const db = openDatabase(':memory:')
    const store = new SourceMapStore(db, 250)
    store.save('1', 'http://app/a.js', mapOfBytes(100))
    store.save('2', 'http://app/a.js', mapOfBytes(100))
    expect(store.find('1', 'http://app/a.js')).toBeDefined()
    const third = store.save('3', 'http://app/a.js', mapOfBytes(100))
    expect(third.deletedMaps).toBe(1)
    expect(store.find('1', 'http://app/a.js')).toBeUndefined()
    expect(store.find('2', 'http://app/a.js')).toBeDefined()
    expect(store.find('3', 'http://app/a.js')).toEqual({ id: third.id })
    db.close()
  })

  it('replaces the map of a version and URL, under a new id', () => {
    const db = openDatabase(':memory:')
    const store = new SourceMapStore(db)
    const first = store.save('1', 'http://app/a.js', '{"first":1}')
    const second = store.save('1', 'http://app/a.js', '{"second":2}')
    expect(second).toMatchObject({ replaced: true, deletedMaps: 0 })
    expect(second.id).not.toBe(first.id)
    expect(store.text(store.find('1', 'http://app/a.js')!)).toBe('{"second":2}')
    expect(store.text(first)).toBeUndefined()
    db.close()
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from './open-database.js'
import { SCHEMA_VERSION } from './schema.js'

describe('openDatabase', () => {
  it('refuses a database file written with another schema version instead of misreading it', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'spanlight-schema-'))
    const file = path.join(directory, 'store.db')
    try {
      const db = openDatabase(file)
      // a newer store's file: there is no way down
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
      db.close()
      expect(() => openDatabase(file)).toThrow(`(schema ${SCHEMA_VERSION + 1}, this one reads ${SCHEMA_VERSION}); move it away or use another --db`)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })

  it('refuses a file of a version it has no upgrade from', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'spanlight-schema-'))
    const file = path.join(directory, 'store.db')
    try {
      const db = openDatabase(file)
      db.pragma('user_version = 6')
      db.close()
      expect(() => openDatabase(file)).toThrow(`(schema 6, this one reads ${SCHEMA_VERSION})`)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})

import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TraceQueries } from '../query/trace-queries.js'
import { RollbarStore } from '../rollbar/rollbar-store.js'
import { RqlExecutor } from '../rollbar/rql-executor.js'
import { RqlJobs } from '../rollbar/rql-jobs.js'
import { SourceMapResolver } from '../rollbar/source-map-resolver.js'
import { SourceMapStore } from '../rollbar/source-map-store.js'
import { SavedQueries } from '../store/saved-queries.js'
import { openDatabase } from '../store/open-database.js'
import { createStoreServer } from './create-server.js'
import { IngestBudget } from './ingest-budget.js'
import type { StoreContext } from './store-context.js'

// Each API answers its errors in the envelope its clients read, whatever went wrong; bugs are logged, never shown.
describe('the store server', () => {
  const logLines: string[] = []
  const db = openDatabase(':memory:')
  const failing = () => {
    throw new Error('disk on fire at /var/secret/path')
  }
  const context: StoreContext = {
    options: { corsOrigins: 'localhost', allowedHosts: [], host: '127.0.0.1', maxBodyBytes: 1024, log: (line) => logLines.push(line) },
    ingestBudget: new IngestBudget({ maxRequests: 8, maxBodyBytes: 8 * 1024 }),
    encodeBatch: () => Promise.reject(new Error('worker crashed at /var/secret/path')),
    ingestBatch: failing,
    queries: Object.assign(new TraceQueries(db), { services: failing }),
    queryIndex: undefined,
    savedQueries: new SavedQueries(db),
    rollbar: Object.assign(new RollbarStore(db), { listItems: failing }),
    rqlJobs: new RqlJobs(new RqlExecutor(db)),
    sourceMaps: new SourceMapStore(db),
    frameResolver: new SourceMapResolver({ store: new SourceMapStore(db) }),
  }
  const server = createStoreServer(context)
  let url = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => {
    server.close()
    db.close()
  })

  it('answers a query API bug with a 500 in the query envelope and logs it through the configured logger', async () => {
    const response = await fetch(`${url}/api/services`)
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: { code: 'internal', message: 'internal error; see the store log' } })
    expect(logLines.at(-1)).toContain('disk on fire')
  })

  it('answers a Rollbar API bug in the Rollbar envelope', async () => {
    const response = await fetch(`${url}/api/1/items`)
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ err: 1, message: 'internal error; see the store log' })
  })

  it('answers an ingest bug and a wrong method on the ingest path with a google.rpc.Status', async () => {
    const failed = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(failed.status).toBe(500)
    expect(await failed.json()).toEqual({ code: 13, message: 'internal error; see the store log', details: [] })
    expect(logLines.at(-1)).toContain('worker crashed')
    const wrongMethod = await fetch(`${url}/v1/traces`)
    expect(wrongMethod.status).toBe(405)
    expect(await wrongMethod.json()).toEqual({ code: 13, message: 'use POST to export traces', details: [] })
  })

  it('answers unknown paths with 404 and wrong methods with 405, each in its API envelope', async () => {
    const unknown = await fetch(`${url}/nothing/here`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: { code: 'not_found', message: 'no endpoint at GET /nothing/here' } })
    const postQuery = await fetch(`${url}/api/traces`, { method: 'POST' })
    expect(postQuery.status).toBe(405)
    expect(await postQuery.json()).toEqual({ error: { code: 'method_not_allowed', message: 'POST is not allowed on /api/traces; use GET' } })
    const unknownRollbar = await fetch(`${url}/api/1/nothing`)
    expect(unknownRollbar.status).toBe(404)
    expect(await unknownRollbar.json()).toEqual({ err: 1, message: 'no Rollbar API endpoint at /api/1/nothing' })
    const getItemPath = await fetch(`${url}/api/1/item/`)
    expect(getItemPath.status).toBe(405)
    expect(await getItemPath.json()).toEqual({ err: 1, message: 'use POST to report an item' })
  })
})

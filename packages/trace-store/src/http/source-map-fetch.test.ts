import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMinifiedApp } from '../../test-support/minified-app.js'
import { getJson, postJson, startTestStore } from '../../test-support/test-store.js'

type Store = Awaited<ReturnType<typeof startTestStore>>
type Frame = Record<string, unknown>

type Handler = (request: IncomingMessage, response: ServerResponse) => void
interface AppServer {
  server: Server
  origin: string
  /** every path asked for, in order */
  requested: string[]
  /** answers from now on with `handler` (404 until then) */
  serve(handler: Handler): void
}

/** A server standing in for where an app is served; it records every path asked for. */
async function startAppServer(): Promise<AppServer> {
  let handler: Handler = (_request, response) => response.writeHead(404).end()
  const requested: string[] = []
  const server = createServer((request, response) => {
    requested.push(request.url ?? '')
    handler(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { server, origin, requested, serve: (next) => (handler = next) }
}

async function servedFrames(store: Store, frames: Frame[], uuid: string): Promise<Frame[]> {
  const data = { uuid, code_version: '1.0.0', body: { trace: { frames, exception: { class: 'Error', message: uuid } } } }
  expect((await postJson(`${store.url}/api/1/item/`, { data }, { 'x-rollbar-access-token': 't' })).status).toBe(200)
  const { body: items } = await getJson<{ result: { items: { id: number }[] } }>(`${store.url}/api/1/items?q=${uuid}`)
  const { body } = await getJson<{ result: { instances: { data: { body: { trace: { frames: Frame[] } } } }[] } }>(
    `${store.url}/api/1/item/${items.result.items[0]!.id}/instances`,
  )
  return body.result.instances[0]!.data.body.trace.frames
}

describe('source maps fetched from an allowed origin (sourceMapOrigins)', () => {
  let allowed: AppServer
  let other: AppServer
  let store: Store

  beforeAll(async () => {
    allowed = await startAppServer()
    other = await startAppServer()
    store = await startTestStore({ sourceMapOrigins: [`${allowed.origin}/`] })
  })
  afterAll(async () => {
    await store.close()
    allowed.server.close()
    other.server.close()
  })

  it('fetches <script>.map once from the allowed origin and resolves frames with it', async () => {
    const app = buildMinifiedApp(`${allowed.origin}/assets/app.js`)
    allowed.serve((request, response) => {
      if (request.url === '/assets/app.js.map') response.writeHead(200).end(app.mapText)
      else response.writeHead(404).end()
    })

    const first = await servedFrames(store, app.frames, 'fetched-1')
    expect(first.at(-1)).toMatchObject({ filename: 'src/cart.ts', method: 'computeTotal', minified: app.frames.at(-1) })
    const second = await servedFrames(store, app.frames, 'fetched-2')
    expect(second.at(-1)).toMatchObject({ filename: 'src/cart.ts' })
    expect(allowed.requested).toEqual(['/assets/app.js.map'])
  })

  it('makes no request at all for frames of a script at another origin', async () => {
    const app = buildMinifiedApp(`${other.origin}/assets/other.js`)
    // it would serve the map: the store must not ask
    other.serve((request, response) => {
      response.writeHead(200).end(app.mapText)
    })
    expect(await servedFrames(store, app.frames, 'other-origin')).toEqual(app.frames)
    expect(other.requested).toEqual([])
  })

  it('follows the sourceMappingURL the script names when there is no map beside it', async () => {
    const app = buildMinifiedApp(`${allowed.origin}/static/named.js`)
    allowed.requested.length = 0
    allowed.serve((request, response) => {
      if (request.url === '/static/named.js') response.writeHead(200).end(`${app.code}//# sourceMappingURL=../maps/named.map\n`)
      else if (request.url === '/maps/named.map') response.writeHead(200).end(app.mapText)
      else response.writeHead(404).end()
    })
    expect((await servedFrames(store, app.frames, 'named-map')).at(-1)).toMatchObject({ filename: 'src/cart.ts' })
    expect(allowed.requested).toEqual(['/static/named.js.map', '/static/named.js', '/maps/named.map'])
  })

  it('does not follow a redirect, and leaves the frames minified', async () => {
    const app = buildMinifiedApp(`${allowed.origin}/assets/moved.js`)
    other.requested.length = 0
    allowed.serve((_request, response) => response.writeHead(302, { location: `${other.origin}/assets/other.js.map` }).end())
    expect(await servedFrames(store, app.frames, 'redirected')).toEqual(app.frames)
    expect(other.requested).toEqual([])
    expect(store.logLines.some((line) => line.startsWith(`source map for ${allowed.origin}/assets/moved.js not used:`))).toBe(true)
  })
})

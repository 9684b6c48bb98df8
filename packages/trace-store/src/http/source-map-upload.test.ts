import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appPositionOf, buildMinifiedApp } from '../../test-support/minified-app.js'
import { getJson, postJson, readJson, startTestStore } from '../../test-support/test-store.js'
import { MAX_SOURCE_MAP_UPLOAD_BYTES } from './source-map-route.js'

type Store = Awaited<ReturnType<typeof startTestStore>>
type Frame = Record<string, unknown>
interface InstancesResult {
  result: { instances: { data: { body: { trace: { frames: Frame[] } } } }[] }
}

const SCRIPT_URL = 'http://127.0.0.1:3000/assets/index-abc.js'
const app = buildMinifiedApp(SCRIPT_URL)

function uploadForm(fields: Record<string, string | Blob>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) {
    if (value instanceof Blob) form.append(name, value, 'index-abc.js.map')
    else form.append(name, value)
  }
  return form
}
const mapFile = (text: string) => new Blob([text], { type: 'application/json' })

async function upload(store: Store, fields: Record<string, string | Blob>, headers: Record<string, string> = {}) {
  const response = await fetch(`${store.url}/api/1/sourcemap`, { method: 'POST', body: uploadForm(fields), headers })
  return { status: response.status, body: await readJson<{ err: number; message?: string; result?: unknown }>(response) }
}

/** Posts an occurrence with the app's real frames and returns the frames GET /api/1/item/:id/instances serves for it. */
async function servedFrames(store: Store, codeVersion: string, uuid: string): Promise<Frame[]> {
  const data = {
    uuid,
    environment: 'test',
    code_version: codeVersion,
    body: { trace: { frames: app.frames, exception: { class: 'Error', message: `total too high ${uuid}` } } },
  }
  const posted = await postJson(`${store.url}/api/1/item/`, { data }, { 'x-rollbar-access-token': 'post-token' })
  expect(posted.status).toBe(200)
  const { body: items } = await getJson<{ result: { items: { id: number; title: string }[] } }>(`${store.url}/api/1/items?q=${uuid}`)
  const { body } = await getJson<InstancesResult>(`${store.url}/api/1/item/${items.result.items[0]!.id}/instances`)
  return body.result.instances[0]!.data.body.trace.frames
}

describe('POST /api/1/sourcemap, then the item’s instances', () => {
  let store: Store
  beforeAll(async () => {
    store = await startTestStore()
  })
  afterAll(() => store.close())

  it('answers an upload as Rollbar does and serves the occurrence’s frames at their original place', async () => {
    const uploaded = await upload(store, { version: '1.0.0', minified_url: SCRIPT_URL, source_map: mapFile(app.mapText), access_token: 'any' })
    expect(uploaded).toEqual({ status: 200, body: { err: 0, result: { version: '1.0.0', minified_url: SCRIPT_URL, replaced: false } } })

    const frames = await servedFrames(store, '1.0.0', 'after-upload')
    expect(frames.at(-1)).toMatchObject({
      filename: 'src/cart.ts',
      ...appPositionOf("new Error('total too high')"),
      method: 'computeTotal',
      minified: app.frames.at(-1),
      code: "  if (total > 100) throw new Error('total too high')",
    })
    expect(frames.at(-2)).toMatchObject({ filename: 'src/cart.ts', method: 'renderCart' })
  })

  it('keeps the frames of a code version without a map minified', async () => {
    expect(await servedFrames(store, '9.9.9', 'no-map')).toEqual(app.frames)
  })

  it('replaces the map of a version and URL on a second upload', async () => {
    const first = await upload(store, { version: '2.0.0', minified_url: SCRIPT_URL, source_map: mapFile(app.mapText) })
    expect(first.body.result).toMatchObject({ replaced: false })
    // the second map maps nothing: the occurrence's frames stay minified, so it is the one in use
    const empty = JSON.stringify({ version: 3, sources: [], names: [], mappings: '' })
    const second = await upload(store, { version: '2.0.0', minified_url: SCRIPT_URL, source_map: mapFile(empty) })
    expect(second.body.result).toMatchObject({ replaced: true })
    expect(await servedFrames(store, '2.0.0', 'replaced')).toEqual(app.frames)
  })
})

describe('POST /api/1/sourcemap with bad input', () => {
  let store: Store
  const good = () => ({ version: '1.0.0', minified_url: SCRIPT_URL, source_map: mapFile(app.mapText) })
  beforeAll(async () => {
    store = await startTestStore({ rollbarPostToken: 'post-token' })
  })
  afterAll(() => store.close())

  it('refuses an upload without the configured post token, in the form or the header', async () => {
    expect(await upload(store, good())).toEqual({ status: 401, body: { err: 1, message: 'missing access token' } })
    expect(await upload(store, { ...good(), access_token: 'nope' })).toEqual({ status: 401, body: { err: 1, message: 'invalid access token' } })
    expect((await upload(store, { ...good(), access_token: 'post-token' })).status).toBe(200)
    expect((await upload(store, good(), { 'x-rollbar-access-token': 'post-token' })).status).toBe(200)
  })

  it('names each missing or malformed field', async () => {
    const token = { access_token: 'post-token' }
    const { version: _version, ...withoutVersion } = good()
    expect(await upload(store, { ...withoutVersion, ...token })).toEqual({
      status: 400,
      body: { err: 1, message: 'version: is required (the code_version the app reports)' },
    })
    const { minified_url: _url, ...withoutUrl } = good()
    expect((await upload(store, { ...withoutUrl, ...token })).body.message).toBe('minified_url: is required (the URL of the minified file)')
    expect((await upload(store, { ...good(), ...token, minified_url: '/assets/index-abc.js' })).body.message).toBe(
      'minified_url: must be the absolute http(s) URL of the minified file, as it appears in stack frames',
    )
    const { source_map: _map, ...withoutMap } = good()
    expect(await upload(store, { ...withoutMap, ...token })).toEqual({ status: 400, body: { err: 1, message: 'source_map: is required (the .map file)' } })
  })

  it('refuses a map that is not JSON or not a version 3 source map', async () => {
    const withMap = (text: string) => upload(store, { ...good(), access_token: 'post-token', source_map: mapFile(text) })
    expect(await withMap('{"version": 3,')).toEqual({ status: 400, body: { err: 1, message: 'source_map is not valid JSON' } })
    expect((await withMap('[]')).body.message).toBe('source_map must be a JSON object')
    expect((await withMap('{"version":2,"sources":[],"mappings":""}')).body.message).toBe('source_map must be a source map version 3 ("version": 3)')
    expect((await withMap('{"version":3,"sources":[]}')).body.message).toBe('source_map has no "mappings" string')
    expect((await withMap('{"version":3,"mappings":""}')).body.message).toBe('source_map has no "sources" array')
  })

  it('refuses a body that is not multipart/form-data', async () => {
    const json = await postJson(`${store.url}/api/1/sourcemap`, { version: '1.0.0' }, { 'x-rollbar-access-token': 'post-token' })
    expect(json.status).toBe(415)
    expect((await readJson(json)).message).toBe('send the source map as multipart/form-data (fields version, minified_url, source_map)')
    const broken = await fetch(`${store.url}/api/1/sourcemap`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: 'not a multipart body',
    })
    expect(broken.status).toBe(400)
    expect((await readJson(broken)).message).toBe('body is not valid multipart/form-data')
  })

  it('refuses an upload over the limit from its Content-Length, before reading the body', async () => {
    const url = new URL(`${store.url}/api/1/sourcemap`)
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(url, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=xyz', 'content-length': String(MAX_SOURCE_MAP_UPLOAD_BYTES + 1) },
      })
      request.on('response', (response) => {
        let body = ''
        response.on('data', (chunk: Buffer) => (body += chunk.toString()))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      })
      request.on('error', reject)
      // only the first bytes are sent: the answer cannot wait for the rest
      request.write('--xyz\r\n')
    })
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body)).toEqual({ err: 1, message: `body is larger than the limit of ${MAX_SOURCE_MAP_UPLOAD_BYTES} bytes (after decompression)` })
  })

  it('answers other methods with 405', async () => {
    const response = await fetch(`${store.url}/api/1/sourcemap`)
    expect(response.status).toBe(405)
    expect(await readJson(response)).toEqual({ err: 1, message: 'use POST to upload a source map' })
  })
})

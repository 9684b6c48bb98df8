import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getJson, postJson, startTestStore } from '../../test-support/test-store.js'
import { anonymizeIp, replaceRemoteIp } from './remote-ip.js'

type Store = Awaited<ReturnType<typeof startTestStore>>

describe('replaceRemoteIp', () => {
  it('puts the request’s address where rollbar.js asks for it, and only there', () => {
    const data = { request: { url: 'https://app/checkout', user_ip: '$remote_ip' }, custom: { user_ip: '$remote_ip' } }
    expect(replaceRemoteIp(data, '::ffff:10.1.2.3')).toEqual({
      request: { url: 'https://app/checkout', user_ip: '10.1.2.3' },
      custom: { user_ip: '$remote_ip' },
    })
    expect(replaceRemoteIp({ request: { user_ip: '$remote_ip_anonymize' } }, '10.1.2.3')).toEqual({ request: { user_ip: '10.1.2.0' } })
    expect(replaceRemoteIp({ request: { user_ip: '$remote_ip' } }, undefined)).toEqual({ request: {} })
    const sentByServer = { request: { user_ip: '203.0.113.9' } }
    expect(replaceRemoteIp(sentByServer, '10.1.2.3')).toBe(sentByServer)
  })

  it('keeps the network part of an anonymized address', () => {
    expect(anonymizeIp('192.168.7.42')).toBe('192.168.7.0')
    expect(anonymizeIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::')
    expect(anonymizeIp('2001:db8::1')).toBe('2001:db8:0::')
    expect(anonymizeIp('::1')).toBe('0:0:0::')
  })
})

describe('$remote_ip on POST /api/1/item/', () => {
  let store: Store
  beforeAll(async () => {
    store = await startTestStore()
  })
  afterAll(() => store.close())

  it('stores the address the item was posted from, as Rollbar does at ingest', async () => {
    // data.request as rollbar.js's browser transforms write it with captureIp: true (the default)
    const data = { environment: 'ip', body: { message: { body: 'where from' } }, request: { url: 'http://localhost:5173/', user_ip: '$remote_ip' } }
    const response = await postJson(`${store.url}/api/1/item/`, { data }, { 'x-rollbar-access-token': 'local', 'x-forwarded-for': '198.51.100.7' })
    expect(response.status).toBe(200)
    const { body: items } = await getJson<{ result: { items: { id: number }[] } }>(`${store.url}/api/1/items?environment=ip`)
    const { body } = await getJson<{ result: { instances: { data: { request: unknown } }[] } }>(
      `${store.url}/api/1/item/${items.result.items[0]!.id}/instances`,
    )
    // X-Forwarded-For is anyone's to write: the store has no trusted proxy to take it from
    expect(body.result.instances[0]!.data.request).toEqual({ url: 'http://localhost:5173/', user_ip: '127.0.0.1' })
  })
})

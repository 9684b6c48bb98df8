import { describe, expect, it, vi } from 'vitest'

// The advice in an unreachable source's error names the source actually configured, never the trace store.
vi.mock('server-only', () => ({}))
const { parseEnv } = await import('./env')
const { createSources } = await import('./sources')

// nothing listens on port 1: the connection is refused at once
const NOWHERE = 'http://127.0.0.1:1'

describe('an unreachable trace source', () => {
  it.each([
    ['Jaeger', { JAEGER_URL: NOWHERE }, 'could not reach Jaeger: check that Jaeger is running and JAEGER_URL points at its query service'],
    ['Tempo', { TEMPO_URL: NOWHERE }, 'could not reach Tempo: check that Tempo is running and TEMPO_URL points at its HTTP API'],
    [
      'the trace store',
      { SPANLIGHT_STORE_URL: NOWHERE },
      'could not reach the trace store: is it running? Start everything with `npm start`, or set SPANLIGHT_STORE_URL',
    ],
  ])('is named in the error with what to check (%s)', async (name, environment, message) => {
    const sources = createSources(parseEnv(environment))
    expect(sources.traces.name).toBe(name)
    await expect(sources.traces.services()).rejects.toMatchObject({ code: 'upstream_unreachable', message })
  })
})

import { describe, expect, it } from 'vitest'

describe('the package entry in Node', () => {
  it('imports without touching window or loading zone.js, and init returns a disabled handle', async () => {
    const entry = await import('./index.js')
    expect('window' in globalThis).toBe(false)
    expect('Zone' in globalThis).toBe(false)
    const tracing = entry.initWebTracing({ serviceName: 'ssr' })
    expect(tracing.enabled).toBe(false)
    await expect(tracing.forceFlush()).resolves.toBeUndefined()
    expect(() => tracing.reportError(new Error('x'))).not.toThrow()
  })

  it('imports the React subpath without touching window', async () => {
    const react = await import('./react/index.js')
    expect(typeof react.SpanlightProvider).toBe('function')
    expect('window' in globalThis).toBe(false)
  })
})

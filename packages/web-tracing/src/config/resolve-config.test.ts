import { describe, expect, it } from 'vitest'
import { b3, xray } from '../propagation/header-formats.js'
import { lazyRollbarBridge } from '../rollbar/lazy-rollbar-bridge.js'
import { rollbarBridge } from '../rollbar/rollbar-bridge.js'
import { DEFAULT_ENDPOINT, DEFAULT_MAX_QUEUE_SIZE, DEFAULT_SERVICE_NAME } from './defaults.js'
import { MESSAGES } from './messages.js'
import { describeConfig, resolveConfig } from './resolve-config.js'

const PAGE = 'https://app.example.com/checkout'

describe('resolveConfig', () => {
  it('applies every default to a minimal config without reporting problems', () => {
    const { resolved, problems } = resolveConfig({ serviceName: 'demo-web' }, PAGE)
    expect(problems).toEqual([])
    expect(resolved.serviceName).toBe('demo-web')
    expect(resolved.endpoint).toBe(DEFAULT_ENDPOINT)
    expect(resolved.tracesUrl).toBe(`${DEFAULT_ENDPOINT}/v1/traces`)
    expect(resolved.propagationFormats).toEqual(['w3c'])
    expect(resolved.instrumentations).toEqual({ fetch: true, documentLoad: true })
    expect(resolved.sampleRate).toBe(1)
    expect(resolved.maxQueueSize).toBe(DEFAULT_MAX_QUEUE_SIZE)
    expect(resolved.rollbar).toBeNull()
  })

  it('appends /v1/traces to the endpoint once, whatever the trailing slashes', () => {
    expect(resolveConfig({ serviceName: 's', endpoint: 'http://127.0.0.1:4318/' }).resolved.tracesUrl).toBe('http://127.0.0.1:4318/v1/traces')
    expect(resolveConfig({ serviceName: 's', endpoint: '/otlp//' }, PAGE).resolved.tracesUrl).toBe('https://app.example.com/otlp/v1/traces')
  })

  it('reports a missing service name and falls back to a placeholder', () => {
    const { resolved, problems } = resolveConfig({}, PAGE)
    expect(resolved.serviceName).toBe(DEFAULT_SERVICE_NAME)
    expect(problems).toEqual([{ message: 'missingServiceName', option: 'serviceName' }])
    expect(MESSAGES[problems[0]!.message]).toContain('serviceName')
  })

  it('reports options that are not an object instead of throwing', () => {
    for (const input of [undefined, null, 'demo', 42]) {
      const { problems } = resolveConfig(input, PAGE)
      expect(problems.map((problem) => problem.message)).toEqual(['optionsNotObject'])
    }
  })

  it('disables export for an endpoint that is not an http(s) URL', () => {
    const { resolved, problems } = resolveConfig({ serviceName: 's', endpoint: 'ftp://collector' }, PAGE)
    expect(resolved.tracesUrl).toBeNull()
    expect(problems).toContainEqual({ message: 'invalidEndpoint', option: 'endpoint' })
  })

  it('keeps valid propagation targets and reports the invalid ones', () => {
    const { resolved, problems } = resolveConfig(
      { serviceName: 's', propagateTo: ['https://api.example.com:443/', 'mailto:x@y.z', 42, /^https:\/\/cdn\./, 'https://x.dev/api?v=1'] },
      PAGE,
    )
    expect(resolved.propagationTargets).toEqual([
      { kind: 'prefix', origin: 'https://api.example.com', pathPrefix: '' },
      { kind: 'regexp', regexp: /^https:\/\/cdn\./ },
      { kind: 'prefix', origin: 'https://x.dev', pathPrefix: '/api' },
    ])
    expect(problems.map((problem) => problem.message)).toEqual(['invalidPropagationTarget', 'invalidPropagationTarget', 'propagationTargetWithQuery'])
  })

  it('falls back to defaults for numbers, formats and sample rates out of range', () => {
    const { resolved, problems } = resolveConfig(
      { serviceName: 's', sampleRate: 2, maxQueueSize: -1, exportDelayMs: 'soon', propagationFormats: ['w3c', 'jaeger'] } as never,
      PAGE,
    )
    expect(resolved.sampleRate).toBe(1)
    expect(resolved.maxQueueSize).toBe(DEFAULT_MAX_QUEUE_SIZE)
    expect(resolved.propagationFormats).toEqual(['w3c'])
    expect(problems.map((problem) => problem.message).sort()).toEqual(['invalidOption', 'invalidOption', 'invalidSampleRate', 'unknownPropagationFormat'])
  })

  it('samples by trace unless told to sample by session, and reports any other choice', () => {
    expect(resolveConfig({ serviceName: 's' }, PAGE).resolved.sampleBy).toBe('trace')
    expect(resolveConfig({ serviceName: 's', sampleBy: 'session' }, PAGE)).toMatchObject({ resolved: { sampleBy: 'session' }, problems: [] })
    const { resolved, problems } = resolveConfig({ serviceName: 's', sampleBy: 'user' } as never, PAGE)
    expect(resolved.sampleBy).toBe('trace')
    expect(problems).toEqual([{ message: 'invalidSampleBy', option: 'sampleBy' }])
    expect(MESSAGES.invalidSampleBy).toContain('sampleBy')
  })

  it('takes header formats as values from the propagation entry, once each', () => {
    const { resolved, problems } = resolveConfig({ serviceName: 's', propagationFormats: ['w3c', b3(), xray(), b3()] }, PAGE)
    expect(problems).toEqual([])
    expect(resolved.propagationFormats.map((format) => (format === 'w3c' ? format : format.name))).toEqual(['w3c', 'b3', 'xray'])
  })

  it('says where B3 and X-Ray come from when they are named as strings', () => {
    const { resolved, problems } = resolveConfig({ serviceName: 's', propagationFormats: ['w3c', 'b3'] } as never, PAGE)
    expect(resolved.propagationFormats).toEqual(['w3c'])
    expect(problems).toEqual([{ message: 'unknownPropagationFormat', option: 'propagationFormats' }])
    expect(MESSAGES.unknownPropagationFormat).toContain('@spanlight/web-tracing/propagation')
  })

  it('accepts the bridge made from Rollbar options, with the endpoint resolved against the page', () => {
    const { resolved, problems } = resolveConfig(
      {
        serviceName: 's',
        rollbar: lazyRollbarBridge({ accessToken: 'post-token', endpoint: '/rollbar/api/1/item/', load: () => Promise.resolve({ default: class {} }) }),
      },
      PAGE,
    )
    expect(problems).toEqual([])
    expect(resolved.rollbar?.endpoint).toBe('https://app.example.com/rollbar/api/1/item/')
  })

  it('accepts the bridge made from an existing Rollbar instance and reads its endpoint', () => {
    const instance = { configure: () => undefined, error: () => ({ uuid: 'u' }), options: { endpoint: 'http://127.0.0.1:4700/api/1/item/' } }
    const { resolved } = resolveConfig({ serviceName: 's', rollbar: rollbarBridge(instance) }, PAGE)
    expect(resolved.rollbar?.endpoint).toBe('http://127.0.0.1:4700/api/1/item/')
  })

  it('reports a lazy bridge without an access token or a loader, and an eager bridge without a Rollbar instance', () => {
    for (const rollbar of [
      lazyRollbarBridge({ endpoint: 'x' } as never),
      lazyRollbarBridge({ accessToken: 'post-token' } as never),
      rollbarBridge({ accessToken: 'post-token' } as never),
    ]) {
      const { resolved, problems } = resolveConfig({ serviceName: 's', rollbar }, PAGE)
      expect(resolved.rollbar).toBeNull()
      expect(problems).toEqual([{ message: 'invalidRollbar', option: 'rollbar' }])
    }
  })

  it('says where the bridge comes from when Rollbar options or an instance are given directly', () => {
    const instance = { configure: () => undefined, error: () => ({ uuid: 'u' }) }
    for (const rollbar of [{ accessToken: 'post-token' }, instance]) {
      const { resolved, problems } = resolveConfig({ serviceName: 's', rollbar } as never, PAGE)
      expect(resolved.rollbar).toBeNull()
      expect(problems).toEqual([{ message: 'rollbarNeedsBridge', option: 'rollbar' }])
    }
  })

  it('masks export headers and the Rollbar token when describing the config', () => {
    const { resolved } = resolveConfig(
      {
        serviceName: 's',
        headers: { 'x-api-key': 'supersecretvalue' },
        rollbar: lazyRollbarBridge({ accessToken: 'abcdef123456', load: () => Promise.resolve({ default: class {} }) }),
      },
      PAGE,
    )
    const text = JSON.stringify(describeConfig(resolved))
    expect(text).not.toContain('supersecretvalue')
    expect(text).not.toContain('abcdef123456')
  })
})

import { describe, expect, it } from 'vitest'
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
      { serviceName: 's', sampleRate: 2, maxQueueSize: -1, exportDelayMs: 'soon', propagationFormats: ['w3c', 'jaeger', 'b3'] } as never,
      PAGE,
    )
    expect(resolved.sampleRate).toBe(1)
    expect(resolved.maxQueueSize).toBe(DEFAULT_MAX_QUEUE_SIZE)
    expect(resolved.propagationFormats).toEqual(['w3c', 'b3'])
    expect(problems.map((problem) => problem.message).sort()).toEqual(['invalidOption', 'invalidOption', 'invalidSampleRate', 'unknownPropagationFormat'])
  })

  it('accepts Rollbar options, filling environment and code version from the tracing options', () => {
    const { resolved } = resolveConfig(
      { serviceName: 's', environment: 'staging', serviceVersion: '1.2.3', rollbar: { accessToken: 'post-token', endpoint: 'http://127.0.0.1:4700/api/1/item/' } },
      PAGE,
    )
    expect(resolved.rollbar).toMatchObject({
      kind: 'options',
      endpoint: 'http://127.0.0.1:4700/api/1/item/',
      options: { accessToken: 'post-token', environment: 'staging', codeVersion: '1.2.3' },
    })
  })

  it('accepts an existing Rollbar instance and reads its endpoint', () => {
    const instance = { configure: () => undefined, error: () => ({ uuid: 'u' }), options: { endpoint: '/rollbar/api/1/item/' } }
    const { resolved } = resolveConfig({ serviceName: 's', rollbar: instance }, PAGE)
    expect(resolved.rollbar).toEqual({ kind: 'instance', instance, endpoint: 'https://app.example.com/rollbar/api/1/item/' })
  })

  it('reports Rollbar options without an access token', () => {
    const { resolved, problems } = resolveConfig({ serviceName: 's', rollbar: { endpoint: 'x' } as never }, PAGE)
    expect(resolved.rollbar).toBeNull()
    expect(problems).toContainEqual({ message: 'invalidRollbar', option: 'rollbar' })
  })

  it('masks export headers and the Rollbar token when describing the config', () => {
    const { resolved } = resolveConfig({ serviceName: 's', headers: { 'x-api-key': 'supersecretvalue' }, rollbar: { accessToken: 'abcdef123456' } }, PAGE)
    const text = JSON.stringify(describeConfig(resolved))
    expect(text).not.toContain('supersecretvalue')
    expect(text).not.toContain('abcdef123456')
  })
})

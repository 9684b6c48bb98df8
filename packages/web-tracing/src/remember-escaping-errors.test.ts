import { BasicTracerProvider } from '@opentelemetry/sdk-trace-web'
import { describe, expect, it } from 'vitest'
import { rememberEscapingErrors } from './remember-escaping-errors.js'
import { errorOrigin } from './rollbar/error-origins.js'

const tracer = rememberEscapingErrors(new BasicTracerProvider().getTracer('test'))

describe('rememberEscapingErrors', () => {
  it('remembers the span an error was thrown out of, and rethrows it unchanged', () => {
    const error = new Error('sync')
    let spanId: string | undefined
    expect(() =>
      tracer.startActiveSpan('click', (span) => {
        spanId = span.spanContext().spanId
        throw error
      }),
    ).toThrow(error)
    expect(errorOrigin(error)?.spanContext().spanId).toBe(spanId)
  })

  it('remembers the span a returned promise rejected out of, with options and context arguments too', async () => {
    const error = new Error('async')
    let spanId: string | undefined
    await expect(
      tracer.startActiveSpan('load', { attributes: { a: 1 } }, (span) => {
        spanId = span.spanContext().spanId
        return Promise.reject(error)
      }),
    ).rejects.toBe(error)
    expect(errorOrigin(error)?.spanContext().spanId).toBe(spanId)
  })

  it('returns what the callback returns', () => {
    expect(tracer.startActiveSpan('plain', () => 42)).toBe(42)
    expect(errorOrigin('not an object')).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { DEFAULT_REDACTED_QUERY_PARAMS } from '../config/defaults.js'
import { redactUrl } from './redact-url.js'

const redact = (url: string) => redactUrl(url, DEFAULT_REDACTED_QUERY_PARAMS)

describe('redactUrl', () => {
  it('redacts secret-looking query parameters and keeps the others', () => {
    expect(redact('https://api.test/orders?id=7&token=abc&api_key=k1&password=p&Authorization=x&page=2')).toBe(
      'https://api.test/orders?id=7&token=REDACTED&api_key=REDACTED&password=REDACTED&Authorization=REDACTED&page=2',
    )
  })

  it('redacts credentials in the authority', () => {
    expect(redact('https://user:hunter2@api.test/a')).toBe('https://REDACTED@api.test/a')
  })

  it('redacts secrets in the fragment (OAuth implicit flow)', () => {
    expect(redact('https://app.test/cb#access_token=abc&state=xyz')).toBe('https://app.test/cb#access_token=REDACTED&state=xyz')
  })

  it('redacts a bare query string such as url.query', () => {
    expect(redact('a=1&session_id=s3')).toBe('a=1&session_id=REDACTED')
  })

  it('matches encoded parameter names', () => {
    expect(redact('https://a.test/?my%5Ftoken=1')).toBe('https://a.test/?my%5Ftoken=REDACTED')
  })

  it('leaves URLs without secrets untouched', () => {
    const url = 'https://api.test/search?q=shoes&page=2#top'
    expect(redact(url)).toBe(url)
  })

  it('uses exact names for string patterns and redacts nothing with an empty list', () => {
    expect(redactUrl('https://a.test/?ssn=1&ssn2=2', ['ssn'])).toBe('https://a.test/?ssn=REDACTED&ssn2=2')
    expect(redactUrl('https://a.test/?token=1', [])).toBe('https://a.test/?token=1')
  })
})

/** A fetch of a map (or of the script naming it) that takes longer is abandoned; the frame stays minified. */
export const SOURCE_MAP_FETCH_TIMEOUT_MS = 5000
/** Larger maps or scripts are not read past this (the upload limit too). */
export const MAX_FETCHED_BYTES = 20 * 1024 * 1024

const SOURCE_MAPPING_URL = /\/\/[#@]\s*sourceMappingURL=(\S+)\s*$/
const INLINE_BASE64_MAP = /^data:application\/json(?:;charset=[^;,]+)?;base64,(.*)$/i

export type FetchedSourceMap = { text: string } | { problem: string }

/** Its http(s) origin (`http://127.0.0.1:3000`), or null for anything that is not an absolute http(s) URL. */
export function httpOriginOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null
}

/**
 * Fetches source maps of scripts served from the origins it was given, and nothing else: for a frame's script URL,
 * `<url>.map`, else the `//# sourceMappingURL=` the script itself names (inline, or at an allowed origin). Redirects
 * are refused (one could lead anywhere), every request is bounded in time and size, and no credentials are sent.
 */
export class SourceMapFetcher {
  private readonly origins: ReadonlySet<string>

  constructor(
    origins: readonly string[],
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.origins = new Set(origins.map((origin) => httpOriginOf(origin)).filter((origin): origin is string => origin !== null))
  }

  /** Whether a script URL is one the store may fetch from. */
  allows(url: string): boolean {
    const origin = httpOriginOf(url)
    return origin !== null && this.origins.has(origin)
  }

  async fetchMap(scriptUrl: string): Promise<FetchedSourceMap> {
    if (!this.allows(scriptUrl)) return { problem: `${scriptUrl} is not at an allowed source map origin` }
    const beside = new URL(scriptUrl)
    beside.search = ''
    beside.hash = ''
    beside.pathname += '.map'
    const besideText = await this.fetchText(beside.href)
    if (typeof besideText === 'string') return { text: besideText }

    // no map beside the script: the script may name its map (or carry it inline)
    const script = await this.fetchText(scriptUrl)
    if (typeof script !== 'string') return { problem: `${beside.href}: ${besideText.problem}; ${scriptUrl}: ${script.problem}` }
    const named = SOURCE_MAPPING_URL.exec(script.slice(-4096))?.[1]
    if (!named) return { problem: `${beside.href}: ${besideText.problem}, and ${scriptUrl} names no sourceMappingURL` }
    const inline = INLINE_BASE64_MAP.exec(named)
    if (inline) return { text: Buffer.from(inline[1]!, 'base64').toString('utf8') }
    const mapUrl = new URL(named, scriptUrl).href
    if (!this.allows(mapUrl)) return { problem: `${scriptUrl} names its map at ${mapUrl}, which is not at an allowed origin` }
    const mapText = await this.fetchText(mapUrl)
    return typeof mapText === 'string' ? { text: mapText } : { problem: `${mapUrl}: ${mapText.problem}` }
  }

  private async fetchText(url: string): Promise<string | { problem: string }> {
    try {
      const response = await this.fetchImpl(url, {
        redirect: 'error',
        credentials: 'omit',
        signal: AbortSignal.timeout(SOURCE_MAP_FETCH_TIMEOUT_MS),
      })
      if (!response.ok) {
        await response.body?.cancel()
        return { problem: `HTTP ${response.status}` }
      }
      const declared = Number(response.headers.get('content-length') ?? 0)
      if (declared > MAX_FETCHED_BYTES) {
        await response.body?.cancel()
        return { problem: `larger than ${MAX_FETCHED_BYTES} bytes` }
      }
      return await readCapped(response, MAX_FETCHED_BYTES)
    } catch (error) {
      return { problem: (error as Error).message }
    }
  }
}

/** The body as text, read no further than `maxBytes` (a server may send more than it declared, or declare nothing). */
async function readCapped(response: Response, maxBytes: number): Promise<string | { problem: string }> {
  if (!response.body) return ''
  const chunks: Uint8Array[] = []
  let receivedBytes = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    receivedBytes += value.byteLength
    if (receivedBytes > maxBytes) {
      await reader.cancel()
      return { problem: `larger than ${maxBytes} bytes` }
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * An allowed-origin setting as an origin (`http://127.0.0.1:3000`; a trailing `/` is fine), or null when it is not an
 * http(s) origin alone: a path, query or user name would suggest a narrower rule than the origin the check applies.
 */
export function sourceMapOriginOf(text: string): string | null {
  const origin = httpOriginOf(text)
  if (origin === null) return null
  const url = new URL(text)
  return url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '' ? origin : null
}

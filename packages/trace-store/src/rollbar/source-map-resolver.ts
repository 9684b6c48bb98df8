import type { TraceMap } from '@jridgewell/trace-mapping'
import { LRUCache } from 'lru-cache'
import {
  cleanSourcePath,
  isLibrarySource,
  minifiedPositionOf,
  originalPositionOf,
  toOriginalFrame,
  type OriginalPosition,
  type RollbarFrame,
} from './original-frame.js'
import { parseSourceMap } from './parse-source-map.js'
import type { SourceMapFetcher } from './source-map-fetcher.js'
import type { SourceMapStore } from './source-map-store.js'

/** Parsed maps kept, by the length of their text (a parsed map takes a few times that); 100 maps at most. */
export const MAX_CACHED_MAP_CHARS = 32 * 1024 * 1024
const MAX_CACHED_MAPS = 100
/** A map that could not be fetched is tried again after this, so an app started after the store gets its maps. */
export const FAILED_FETCH_RETRY_MS = 60_000

type JsonObject = Record<string, unknown>

interface CachedMap {
  /** null: the map could not be had (fetched maps only; an upload was checked when it came in) */
  map: TraceMap | null
  sizeChars: number
}

export interface SourceMapResolverOptions {
  store: SourceMapStore
  /** present when the store may fetch maps (option sourceMapOrigins) */
  fetcher?: SourceMapFetcher | undefined
  /** one line per map that could not be fetched or read */
  log?: (message: string) => void
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** The code versions an occurrence names, as Rollbar reads them: `data.code_version`, `data.client.javascript.code_version`. */
function codeVersionsOf(data: JsonObject): string[] {
  const client = isObject(data.client) && isObject(data.client.javascript) ? data.client.javascript : {}
  const versions = [data.code_version, client.code_version].filter((version): version is string => typeof version === 'string' && version !== '')
  return [...new Set(versions)]
}

/**
 * Rewrites the browser frames of an occurrence to their original files, lines, columns and functions with the
 * source maps uploaded for its code version (source-map-store.ts), or, for scripts at an allowed origin, fetched
 * from where the app serves them (source-map-fetcher.ts). Never throws: a frame whose map is missing or broken is
 * returned as it was.
 *
 * A frame's original function name cannot be read from its own position (that names what it was calling), so it is
 * the name the calling frame's call site has in the original source, as other source-mapping services guess it;
 * except when the caller is library code (React calls every component as `Component`), where the frame keeps its
 * own, minified, method name.
 */
export class SourceMapResolver {
  private readonly cache = new LRUCache<string, CachedMap>({
    max: MAX_CACHED_MAPS,
    maxSize: MAX_CACHED_MAP_CHARS,
    sizeCalculation: (entry) => Math.max(1, entry.sizeChars),
  })
  private readonly fetching = new Map<string, Promise<TraceMap | null>>()

  constructor(private readonly options: SourceMapResolverOptions) {}

  /** The occurrence `data` with its frames resolved (a new object; the input is not changed). */
  async resolveOccurrence(data: unknown): Promise<unknown> {
    try {
      if (!isObject(data) || !isObject(data.body)) return data
      const versions = codeVersionsOf(data)
      const body = { ...data.body }
      if (isObject(body.trace)) body.trace = await this.resolveTrace(body.trace, versions)
      if (Array.isArray(body.trace_chain)) {
        body.trace_chain = await Promise.all(body.trace_chain.map((trace) => (isObject(trace) ? this.resolveTrace(trace, versions) : trace)))
      }
      return { ...data, body }
    } catch (error) {
      this.options.log?.(`source maps: an occurrence was left unresolved: ${(error as Error).message}`)
      return data
    }
  }

  private async resolveTrace(trace: JsonObject, versions: string[]): Promise<JsonObject> {
    if (!Array.isArray(trace.frames)) return trace
    const frames = trace.frames as unknown[]
    const found: ({ map: TraceMap; original: OriginalPosition } | null)[] = []
    for (const frame of frames) found.push(isObject(frame) ? await this.locate(frame, versions) : null)
    const resolved = frames.map((frame, index) => {
      const at = found[index]
      if (!at || !isObject(frame)) return frame
      // Rollbar lists frames most recent last: the caller of frame i is frame i - 1
      const caller = index > 0 ? found[index - 1] : null
      const callerName = caller?.original.name && !isLibrarySource(cleanSourcePath(caller.original.source)) ? caller.original.name : null
      try {
        return toOriginalFrame(at.map, frame, at.original, callerName)
      } catch {
        return frame
      }
    })
    return { ...trace, frames: resolved }
  }

  private async locate(frame: RollbarFrame, versions: string[]): Promise<{ map: TraceMap; original: OriginalPosition } | null> {
    const position = minifiedPositionOf(frame)
    if (!position || typeof frame.filename !== 'string') return null
    const map = await this.mapFor(frame.filename, versions)
    if (!map) return null
    try {
      const original = originalPositionOf(map, position)
      return original ? { map, original } : null
    } catch {
      return null
    }
  }

  /** An uploaded map for one of the versions first; else, at an allowed origin, the fetched one. */
  private async mapFor(minifiedUrl: string, versions: string[]): Promise<TraceMap | null> {
    for (const version of versions) {
      const ref = this.options.store.find(version, minifiedUrl)
      if (ref) return this.storedMap(ref.id)
    }
    const { fetcher } = this.options
    if (!fetcher?.allows(minifiedUrl)) return null
    return this.fetchedMap(fetcher, minifiedUrl)
  }

  private storedMap(id: number): TraceMap | null {
    const key = `stored:${id}`
    const cached = this.cache.get(key)
    if (cached) return cached.map
    const text = this.options.store.text({ id })
    if (text === undefined) return null
    const parsed = parseSourceMap(text)
    const map = 'map' in parsed ? parsed.map : null
    this.cache.set(key, { map, sizeChars: text.length })
    return map
  }

  private fetchedMap(fetcher: SourceMapFetcher, scriptUrl: string): Promise<TraceMap | null> {
    const key = `fetched:${scriptUrl}`
    const cached = this.cache.get(key)
    if (cached) return Promise.resolve(cached.map)
    // frames of one script in many occurrences read at once share one fetch
    let pending = this.fetching.get(key)
    if (!pending) {
      pending = this.fetchAndParse(fetcher, scriptUrl, key).finally(() => this.fetching.delete(key))
      this.fetching.set(key, pending)
    }
    return pending
  }

  private async fetchAndParse(fetcher: SourceMapFetcher, scriptUrl: string, key: string): Promise<TraceMap | null> {
    const fetched = await fetcher.fetchMap(scriptUrl)
    const parsed = 'text' in fetched ? parseSourceMap(fetched.text) : fetched
    if ('problem' in parsed) {
      this.options.log?.(`source map for ${scriptUrl} not used: ${parsed.problem}`)
      this.cache.set(key, { map: null, sizeChars: 1 }, { ttl: FAILED_FETCH_RETRY_MS })
      return null
    }
    this.cache.set(key, { map: parsed.map, sizeChars: 'text' in fetched ? fetched.text.length : 1 })
    return parsed.map
  }
}

import { AnyMap, decodedMappings, type SectionedSourceMapInput, type TraceMap } from '@jridgewell/trace-mapping'

export type ParsedSourceMap = { map: TraceMap } | { problem: string }

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * Reads a source map (revision 3, plain or with `sections`) or says what is wrong with it, in words an upload's 400
 * can carry. The fields trace-mapping relies on are checked first, so a wrong map is named rather than half-read.
 */
export function parseSourceMap(text: string): ParsedSourceMap {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { problem: 'source_map is not valid JSON' }
  }
  if (!isObject(json)) return { problem: 'source_map must be a JSON object' }
  if (json.version !== 3) return { problem: 'source_map must be a source map version 3 ("version": 3)' }
  if (!Array.isArray(json.sections)) {
    if (typeof json.mappings !== 'string') return { problem: 'source_map has no "mappings" string' }
    if (!Array.isArray(json.sources)) return { problem: 'source_map has no "sources" array' }
  }
  try {
    const map = new AnyMap(json as SectionedSourceMapInput)
    // mappings are decoded lazily; decoding now makes a broken string a 400 instead of a frame left unresolved later
    decodedMappings(map)
    return { map }
  } catch (error) {
    return { problem: `source_map could not be read: ${(error as Error).message}` }
  }
}

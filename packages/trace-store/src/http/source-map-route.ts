import { z } from 'zod'
import { parseSourceMap } from '../rollbar/parse-source-map.js'
import { describeZodError } from './describe-zod-error.js'
import { readBody } from './read-body.js'
import { sendJson } from './respond.js'
import type { RouteRequest } from './route.js'
import { StoreError } from './store-error.js'
import { headerValue, tokenMatches } from './tokens.js'

/** Largest upload (the whole multipart body): refused from its Content-Length, else as soon as more arrives. */
export const MAX_SOURCE_MAP_UPLOAD_BYTES = 20 * 1024 * 1024

const httpUrl = z.string().refine(
  (text) => {
    try {
      return ['http:', 'https:'].includes(new URL(text).protocol)
    } catch {
      return false
    }
  },
  { message: 'must be the absolute http(s) URL of the minified file, as it appears in stack frames' },
)

const uploadFieldsSchema = z.object({
  access_token: z.string().optional(),
  version: z.string({ message: 'is required (the code_version the app reports)' }).min(1, { message: 'must not be empty' }),
  minified_url: z.string({ message: 'is required (the URL of the minified file)' }).pipe(httpUrl),
})

/**
 * The fields of a multipart body. The whole body is read first, within the limit, because the map is stored whole
 * anyway; the platform's own parser (fetch's `Response.formData()`) then needs no dependency.
 */
async function readForm({ request }: RouteRequest): Promise<FormData> {
  const contentType = headerValue(request.headers['content-type']) ?? ''
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new StoreError('unsupported_media_type', 'send the source map as multipart/form-data (fields version, minified_url, source_map)')
  }
  const body = await readBody(request, MAX_SOURCE_MAP_UPLOAD_BYTES)
  try {
    return await new Response(body, { headers: { 'content-type': contentType } }).formData()
  } catch {
    throw new StoreError('bad_request', 'body is not valid multipart/form-data')
  }
}

/** POST /api/1/sourcemap — Rollbar's source map upload: `version`, `minified_url`, `source_map` (a file), `access_token`. */
export async function uploadSourceMap(route: RouteRequest): Promise<void> {
  const { request, response, context } = route
  const form = await readForm(route)
  const textField = (name: string) => {
    const value = form.get(name)
    return typeof value === 'string' ? value : undefined
  }
  const fields = { access_token: textField('access_token'), version: textField('version'), minified_url: textField('minified_url') }

  // Rollbar wants a post_server_item token here; the store, as for items, only when one is configured
  const { rollbarPostToken } = context.options
  const token = headerValue(request.headers['x-rollbar-access-token']) ?? fields.access_token
  if (rollbarPostToken && !tokenMatches(token, rollbarPostToken)) throw new StoreError('unauthorized', token ? 'invalid access token' : 'missing access token')

  const parsed = uploadFieldsSchema.safeParse(fields)
  if (!parsed.success) throw new StoreError('bad_request', describeZodError(parsed.error))
  const sourceMap = form.get('source_map')
  if (sourceMap === null) throw new StoreError('bad_request', 'source_map: is required (the .map file)')
  const mapText = typeof sourceMap === 'string' ? sourceMap : await sourceMap.text()
  const checked = parseSourceMap(mapText)
  if ('problem' in checked) throw new StoreError('bad_request', checked.problem)

  const { version, minified_url: minifiedUrl } = parsed.data
  const saved = context.sourceMaps.save(version, minifiedUrl, mapText)
  sendJson(response, 200, { err: 0, result: { version, minified_url: minifiedUrl, replaced: saved.replaced } })
}

import { postCompare, postQuery } from './custom-query-route.js'
import { handleOtlpTraces } from './otlp-route.js'
import { checkReadToken, getSpan, getTrace, listDependencies, listOperations, listServices, searchTraces } from './query-routes.js'
import { sendJson } from './respond.js'
import {
  checkRollbarReadToken,
  checkRollbarWriteToken,
  getItem,
  listInstances,
  listItems,
  patchItem,
  postItem,
  unknownRollbarEndpoint,
} from './rollbar-routes.js'
import { createRqlJob, getRqlJob, getRqlJobResult } from './rql-routes.js'
import type { Route } from './route.js'
import { checkQueryWriteToken, deleteSavedQuery, listSavedQueries, saveQuery } from './saved-query-routes.js'
import { uploadSourceMap } from './source-map-route.js'

const useGet = (method: string, path: string) => `${method} is not allowed on ${path}; use GET`
const rollbarGetOnly = (method: string, path: string) => `${method} is not allowed on ${path}`

/** Every endpoint of the store, first match wins; paths matched by none get a 404 in the query API's envelope. */
export const ROUTES: readonly Route[] = [
  // OTLP/HTTP
  { family: 'otlp', path: '/v1/traces', methods: ['POST'], otherMethods: () => 'use POST to export traces', handle: handleOtlpTraces },
  { family: 'query', path: '/health', methods: '*', handle: ({ response }) => sendJson(response, 200, { status: 'ok' }) },

  // Rollbar-compatible API
  { family: 'rollbar', path: /^\/api\/1\/item\/?$/, methods: ['POST'], otherMethods: () => 'use POST to report an item', handle: postItem },
  { family: 'rollbar', path: '/api/1/', methods: ['POST'], handle: postItem },
  { family: 'rollbar', path: /^\/api\/1\/sourcemap\/?$/, methods: ['POST'], otherMethods: () => 'use POST to upload a source map', handle: uploadSourceMap },
  { family: 'rollbar', path: /^\/api\/1\/items\/?$/, methods: ['GET'], otherMethods: rollbarGetOnly, authorize: checkRollbarReadToken, handle: listItems },
  {
    family: 'rollbar',
    path: /^\/api\/1\/item\/(\d{1,15})\/instances$/,
    methods: ['GET'],
    otherMethods: rollbarGetOnly,
    authorize: checkRollbarReadToken,
    handle: listInstances,
  },
  // no otherMethods: a GET (or anything else) goes on to the route below
  { family: 'rollbar', path: /^\/api\/1\/item\/(\d{1,15})$/, methods: ['PATCH'], authorize: checkRollbarWriteToken, handle: patchItem },
  {
    family: 'rollbar',
    path: /^\/api\/1\/item\/(\d{1,15})$/,
    methods: ['GET'],
    otherMethods: rollbarGetOnly,
    authorize: checkRollbarReadToken,
    handle: getItem,
  },
  {
    family: 'rollbar',
    path: /^\/api\/1\/rql\/jobs\/?$/,
    methods: ['POST'],
    otherMethods: () => 'use POST to create an RQL job',
    authorize: checkRollbarReadToken,
    handle: createRqlJob,
  },
  {
    family: 'rollbar',
    path: /^\/api\/1\/rql\/job\/(\d{1,15})$/,
    methods: ['GET'],
    otherMethods: rollbarGetOnly,
    authorize: checkRollbarReadToken,
    handle: getRqlJob,
  },
  {
    family: 'rollbar',
    path: /^\/api\/1\/rql\/job\/(\d{1,15})\/result$/,
    methods: ['GET'],
    otherMethods: rollbarGetOnly,
    authorize: checkRollbarReadToken,
    handle: getRqlJobResult,
  },
  { family: 'rollbar', path: /^\/api\/1\//, methods: ['GET'], otherMethods: rollbarGetOnly, authorize: checkRollbarReadToken, handle: unknownRollbarEndpoint },

  // query API
  { family: 'query', path: '/api/services', methods: ['GET'], otherMethods: useGet, authorize: checkReadToken, handle: listServices },
  { family: 'query', path: '/api/operations', methods: ['GET'], otherMethods: useGet, authorize: checkReadToken, handle: listOperations },
  { family: 'query', path: '/api/dependencies', methods: ['GET'], otherMethods: useGet, authorize: checkReadToken, handle: listDependencies },
  {
    family: 'query',
    path: '/api/query',
    methods: ['POST'],
    otherMethods: () => 'use POST with a Honeycomb Query Specification as the body',
    authorize: checkReadToken,
    handle: postQuery,
  },
  {
    family: 'query',
    path: '/api/query/compare',
    methods: ['POST'],
    otherMethods: () => 'use POST with {"query": <a query spec>, "selection": {"filters": [...]}}',
    authorize: checkReadToken,
    handle: postCompare,
  },
  { family: 'query', path: '/api/saved-queries', methods: ['GET'], authorize: checkReadToken, handle: listSavedQueries },
  {
    family: 'query',
    path: '/api/saved-queries',
    methods: ['POST'],
    otherMethods: () => 'use GET to list saved queries, POST {"name", "query"} to save one',
    authorize: checkQueryWriteToken,
    handle: saveQuery,
  },
  {
    family: 'query',
    path: /^\/api\/saved-queries\/(\d{1,15})$/,
    methods: ['DELETE'],
    otherMethods: () => 'use DELETE to remove a saved query',
    authorize: checkQueryWriteToken,
    handle: deleteSavedQuery,
  },
  { family: 'query', path: '/api/traces', methods: ['GET'], otherMethods: useGet, authorize: checkReadToken, handle: searchTraces },
  { family: 'query', path: /^\/api\/traces\/([^/]+)(\/otlp|\/outline)?$/, methods: ['GET'], otherMethods: useGet, authorize: checkReadToken, handle: getTrace },
  { family: 'query', path: /^\/api\/traces\/([^/]+)\/spans\/([^/]+)$/, methods: ['GET'], otherMethods: useGet, authorize: checkReadToken, handle: getSpan },
]

export type RouteLookup = { route: Route; params: (string | undefined)[]; methodAllowed: boolean } | null

/** The route for a method and path: the first whose path matches and that takes the method, or that refuses other methods. */
export function findRoute(method: string, path: string): RouteLookup {
  for (const route of ROUTES) {
    let params: (string | undefined)[]
    if (typeof route.path === 'string') {
      if (route.path !== path) continue
      params = []
    } else {
      const match = route.path.exec(path)
      if (!match) continue
      params = match.slice(1)
    }
    const methodAllowed = route.methods === '*' || route.methods.includes(method)
    if (methodAllowed || route.otherMethods) return { route, params, methodAllowed }
  }
  return null
}

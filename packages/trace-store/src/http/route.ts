import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ApiFamily } from './api-errors.js'
import type { StoreContext } from './store-context.js'

/** What a handler gets: the request, its parsed URL, the path pattern's groups and the store. */
export interface RouteRequest {
  request: IncomingMessage
  response: ServerResponse
  url: URL
  /** the groups of the route's path pattern */
  params: (string | undefined)[]
  context: StoreContext
}

export interface Route {
  /** whose error envelope the route's errors are answered with */
  family: ApiFamily
  /** an exact path, or a pattern whose groups become `params` */
  path: string | RegExp
  /** the methods it answers; '*' for all */
  methods: readonly string[] | '*'
  /** the 405 message for any other method; without it, other methods try the routes below */
  otherMethods?: (method: string, path: string) => string
  /** runs after the method check, before the handler (a read token) */
  authorize?: (request: IncomingMessage, url: URL, context: StoreContext) => void
  handle(route: RouteRequest): void | Promise<void>
}

// Shared by the test pages: the config the fixture injects.
export interface TestConfig {
  serviceName: string
  endpoint: string
  api: string
  third: string
  exportDelayMs?: number
  maxQueueSize?: number
  rollbarEndpoint?: string
  /** vitals page: the route callback throws */
  routeThrows?: boolean
}

export const config = (window as unknown as { __TEST_CONFIG__: TestConfig }).__TEST_CONFIG__

export function markReady(api: Record<string, unknown>): void {
  Object.assign(window, { __TEST__: api, __READY__: true })
}

import { createContext, useContext } from 'react'
import type { WebTracing } from '../init-web-tracing.js'

export const TracingContext = createContext<WebTracing | undefined>(undefined)

/** The `initWebTracing` handle given to the nearest `SpanlightProvider` (undefined outside one). */
export function useWebTracing(): WebTracing | undefined {
  return useContext(TracingContext)
}

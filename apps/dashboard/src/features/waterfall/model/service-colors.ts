// One colour per service, stable for a trace: services are numbered in order of first appearance.

export const SERVICE_PALETTE_SIZE = 10

export function serviceColorIndexes(spans: readonly { serviceName: string }[]): Map<string, number> {
  const indexes = new Map<string, number>()
  for (const span of spans) if (!indexes.has(span.serviceName)) indexes.set(span.serviceName, indexes.size % SERVICE_PALETTE_SIZE)
  return indexes
}

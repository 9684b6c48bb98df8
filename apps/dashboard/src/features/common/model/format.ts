/** unix ns (decimal string) → local date-time text */
export function formatUnixNano(unixNano: string): string {
  const ms = Number(BigInt(unixNano) / 1_000_000n)
  return formatUnixMs(ms)
}

export function formatUnixMs(ms: number): string {
  const date = new Date(ms)
  if (!Number.isFinite(date.getTime())) return '–'
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })
}

export function formatUnixSec(sec: number): string {
  return sec > 0 ? formatUnixMs(sec * 1000) : '–'
}

/** 12 s ago, 5 min ago, 3 h ago, 2 d ago */
export function formatAgo(ms: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - ms) / 1000))
  if (seconds < 60) return `${seconds} s ago`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`
  return `${Math.floor(seconds / 86_400)} d ago`
}

export function shortId(id: string): string {
  return id.slice(0, 8)
}

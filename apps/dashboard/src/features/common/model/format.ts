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

/** unix ns (decimal string) → unix ms */
export function unixNanoToMs(unixNano: string): number {
  return Number(BigInt(unixNano) / 1_000_000n)
}

/** unix ns (decimal string) → date-time text, local or UTC */
export function formatUnixNano(unixNano: string, utc = false): string {
  return formatUnixMs(unixNanoToMs(unixNano), utc)
}

/** unix ms → date-time text with its zone ("Dec 7, 2026, 03:49:33 PM UTC"), local or UTC */
export function formatUnixMs(ms: number, utc = false): string {
  const date = new Date(ms)
  if (!Number.isFinite(date.getTime())) return '–'
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
    ...(utc ? { timeZone: 'UTC' } : {}),
  })
}

export function formatUnixSec(sec: number, utc = false): string {
  return sec > 0 ? formatUnixMs(sec * 1000, utc) : '–'
}

const RELATIVE_STEPS: [limitSec: number, unitSec: number, unit: string][] = [
  [60, 1, 's'],
  [3600, 60, 'min'],
  [86_400, 3600, 'h'],
  [30 * 86_400, 86_400, 'd'],
  [365 * 86_400, 30 * 86_400, 'mo'],
  [Infinity, 365 * 86_400, 'y'],
]

/** "just now", "40 s ago", "2 min ago", "3 h ago", "5 d ago"; times ahead of `nowMs` read "in 2 min". */
export function formatRelative(ms: number, nowMs: number): string {
  if (!Number.isFinite(ms) || !Number.isFinite(nowMs)) return '–'
  const deltaSec = (nowMs - ms) / 1000
  const absSec = Math.abs(deltaSec)
  if (absSec < 5) return 'just now'
  const [, unitSec, unit] = RELATIVE_STEPS.find(([limitSec]) => absSec < limitSec)!
  const count = Math.floor(absSec / unitSec)
  return deltaSec >= 0 ? `${count} ${unit} ago` : `in ${count} ${unit}`
}

/** An axis label for a round time: seconds, minutes or a day, local or UTC. */
export function formatTimeTick(ms: number, precision: 'second' | 'minute' | 'day', utc = false): string {
  const zone = utc ? { timeZone: 'UTC' } : {}
  const options: Intl.DateTimeFormatOptions =
    precision === 'day'
      ? { month: 'short', day: 'numeric', ...zone }
      : { hour: '2-digit', minute: '2-digit', ...(precision === 'second' ? { second: '2-digit' } : {}), hourCycle: 'h23', ...zone }
  return new Date(ms).toLocaleString(undefined, options)
}

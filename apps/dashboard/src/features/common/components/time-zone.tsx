'use client'
import { useSyncExternalStore } from 'react'
import { formatRelative, formatUnixMs } from '../model/format'

// The reader's choice of UTC or local times (kept in localStorage, shared by every tab), and a ticking "now" for
// relative times. Both are external stores read with useSyncExternalStore: the server render and hydration use the
// server snapshot (local, no relative times), then the client re-renders with the real values, so no hydration
// mismatch.

const UTC_KEY = 'spanlight.utc'
const utcListeners = new Set<() => void>()
/** the last choice made here, for when localStorage refuses to keep it */
let utcOverride: boolean | undefined

function readUtc(): boolean {
  try {
    return window.localStorage.getItem(UTC_KEY) === '1'
  } catch {
    return false
  }
}

function subscribeUtc(listener: () => void): () => void {
  utcListeners.add(listener)
  const onStorage = (event: StorageEvent) => event.key === UTC_KEY && listener()
  window.addEventListener('storage', onStorage)
  return () => {
    utcListeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

export function setUtc(utc: boolean): void {
  try {
    window.localStorage.setItem(UTC_KEY, utc ? '1' : '0')
  } catch {
    // storage refused (private mode): the choice then lasts until the page is left
  }
  utcOverride = utc
  for (const listener of utcListeners) listener()
}

/** true when absolute times are to be shown in UTC */
export function useUtc(): boolean {
  return useSyncExternalStore(
    subscribeUtc,
    () => utcOverride ?? readUtc(),
    () => false,
  )
}

const NOW_TICK_MS = 15_000
const nowListeners = new Set<() => void>()
let nowMs = 0
let timer: ReturnType<typeof setInterval> | undefined

function subscribeNow(listener: () => void): () => void {
  if (nowListeners.size === 0) {
    nowMs = Date.now()
    timer = setInterval(() => {
      nowMs = Date.now()
      for (const each of nowListeners) each()
    }, NOW_TICK_MS)
  }
  nowListeners.add(listener)
  return () => {
    nowListeners.delete(listener)
    if (nowListeners.size === 0) clearInterval(timer)
  }
}

/** the current time, advancing every 15 s; null while server-rendering and hydrating */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribeNow,
    () => nowMs || null,
    () => null,
  )
}

/** "2 min ago", with the absolute time (UTC or local, as chosen) on hover and as the element's dateTime. */
export function RelativeTime({ ms }: { ms: number }) {
  const utc = useUtc()
  const now = useNow()
  if (!Number.isFinite(ms) || ms <= 0) return <span>–</span>
  const absolute = formatUnixMs(ms, utc)
  return (
    <time dateTime={new Date(ms).toISOString()} title={absolute} data-absolute={absolute}>
      {now === null ? absolute : formatRelative(ms, now)}
    </time>
  )
}

/** An absolute time, UTC or local as chosen. */
export function AbsoluteTime({ ms }: { ms: number }) {
  const utc = useUtc()
  if (!Number.isFinite(ms) || ms <= 0) return <span>–</span>
  return <time dateTime={new Date(ms).toISOString()}>{formatUnixMs(ms, utc)}</time>
}

/** The header's switch between local times and UTC. */
export function TimeZoneSwitch() {
  const utc = useUtc()
  return (
    <button
      type="button"
      className="time-zone-switch"
      aria-pressed={utc}
      onClick={() => setUtc(!utc)}
      title={utc ? 'Times are shown in UTC: show local times' : 'Times are shown in your local time zone: show UTC'}
      data-testid="utc-switch"
    >
      {utc ? 'UTC' : 'Local time'}
    </button>
  )
}

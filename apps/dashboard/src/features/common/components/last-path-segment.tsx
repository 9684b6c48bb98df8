'use client'
import { usePathname } from 'next/navigation'

/** The last segment of the current path (the id a not-found page was asked for; not-found pages get no params). */
export function LastPathSegment() {
  const segment = usePathname().split('/').at(-1) ?? ''
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // shown as it is
  }
  return <>{decoded}</>
}

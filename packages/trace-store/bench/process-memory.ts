import { readFileSync, writeFileSync } from 'node:fs'

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) : NaN
}

/** A process's resident memory now, in MB. */
export function rssMb(pid: number): number {
  return statusKb(pid, 'VmRSS') / 1024
}

/**
 * Starts a new peak: Linux keeps each process's highest RSS (VmHWM) and
 * resets it to the current RSS when "5" is written to its clear_refs, so the
 * peak of a phase is exact, not the best of some samples.
 */
export function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5')
}

/** The highest RSS of the process since the last resetPeakRss, in MB. */
export function peakRssMb(pid: number): number {
  return statusKb(pid, 'VmHWM') / 1024
}

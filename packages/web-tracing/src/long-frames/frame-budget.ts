/** Frames recorded per minute by default: enough to see what blocks, bounded on a page that janks all the time. */
export const DEFAULT_MAX_FRAMES_PER_MINUTE = 30
const MINUTE_MS = 60_000

/**
 * At most `maxPerMinute` frames in any 60 s of page time (frames' start
 * times): the first ones are kept, the rest of that minute are not.
 */
export function createFrameBudget(maxPerMinute: number): (startTimeMs: number) => boolean {
  const recorded: number[] = []
  return (startTimeMs) => {
    while (recorded.length > 0 && recorded[0]! <= startTimeMs - MINUTE_MS) recorded.shift()
    if (recorded.length >= maxPerMinute) return false
    recorded.push(startTimeMs)
    return true
  }
}

import fc from 'fast-check'

/** How a probe is derived from the pairs a span has: see probeOf. */
export interface ProbeSeed {
  pick: number
  cut: number
  newlineAsBackslashN: boolean
}

export function probeSeed(): fc.Arbitrary<ProbeSeed> {
  return fc.record({ pick: fc.nat(), cut: fc.nat(), newlineAsBackslashN: fc.boolean() })
}

/**
 * A (key, value) to search for: a third of the time the random one, otherwise one that an encoding which is not
 * injective would confuse with one of the span's pairs: the pair joined by \u001f and cut at another \u001f, or with
 * its newlines written as a backslash and an n. Random probes alone almost never hit such a collision.
 */
export function probeOf(pairs: [string, string][], seed: ProbeSeed, randomProbe: [string, string]): [string, string] {
  if (pairs.length === 0 || seed.pick % 3 === 0) return randomProbe
  const [key, value] = pairs[seed.pick % pairs.length]!
  let joined = `${key}\u001f${value}`
  if (seed.newlineAsBackslashN) joined = joined.replaceAll('\n', '\\n')
  const cuts: number[] = []
  for (let at = joined.indexOf('\u001f'); at >= 0; at = joined.indexOf('\u001f', at + 1)) cuts.push(at)
  const cut = cuts[seed.cut % cuts.length]!
  return [joined.slice(0, cut), joined.slice(cut + 1)]
}

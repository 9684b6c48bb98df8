/**
 * Merges runs that are each in `compare` order into one array in that order,
 * two at a time (n log k for k runs). A run that is not in order (nothing
 * written by this store, but a file is input too) is sorted first.
 */
export function mergeSortedRuns<T>(runs: T[][], compare: (a: T, b: T) => number): T[] {
  let pending = runs.map((run) => (isSorted(run, compare) ? run : [...run].sort(compare)))
  if (pending.length === 0) return []
  while (pending.length > 1) {
    const merged: T[][] = []
    for (let index = 0; index < pending.length; index += 2) {
      merged.push(index + 1 < pending.length ? mergeTwo(pending[index]!, pending[index + 1]!, compare) : pending[index]!)
    }
    pending = merged
  }
  return pending[0]!
}

function isSorted<T>(run: T[], compare: (a: T, b: T) => number): boolean {
  for (let index = 1; index < run.length; index += 1) if (compare(run[index - 1]!, run[index]!) > 0) return false
  return true
}

function mergeTwo<T>(left: T[], right: T[], compare: (a: T, b: T) => number): T[] {
  // runs that do not overlap (chunks of consecutive batches) are joined without comparing each item
  if (left.length === 0 || compare(left[left.length - 1]!, right[0]!) <= 0) return left.concat(right)
  if (right.length === 0 || compare(right[right.length - 1]!, left[0]!) < 0) return right.concat(left)
  const merged = new Array<T>(left.length + right.length)
  let leftIndex = 0
  let rightIndex = 0
  let out = 0
  while (leftIndex < left.length && rightIndex < right.length) {
    merged[out++] = compare(left[leftIndex]!, right[rightIndex]!) <= 0 ? left[leftIndex++]! : right[rightIndex++]!
  }
  while (leftIndex < left.length) merged[out++] = left[leftIndex++]!
  while (rightIndex < right.length) merged[out++] = right[rightIndex++]!
  return merged
}

import v8 from 'node:v8'
import { describe, expect, it, vi } from 'vitest'
import { createHeapTrimmer } from './worker-heap.js'

describe('createHeapTrimmer', () => {
  it('collects only when the heap in use is above the limit', () => {
    let usedBytes = 10
    const collect = vi.fn()
    const trim = createHeapTrimmer(20, () => usedBytes, collect)
    trim()
    expect(collect).not.toHaveBeenCalled()
    usedBytes = 21
    trim()
    expect(collect).toHaveBeenCalledTimes(1)
  })

  it('frees garbage of the real heap', () => {
    let garbage: unknown[] | null = Array.from({ length: 200_000 }, (_, index) => ({ index, text: `span ${index}` }))
    const usedWithGarbage = v8.getHeapStatistics().used_heap_size
    garbage = null
    createHeapTrimmer(0)()
    expect(garbage).toBeNull()
    // 200,000 objects are well over 10 MB
    expect(v8.getHeapStatistics().used_heap_size).toBeLessThan(usedWithGarbage - 10 * 1024 * 1024)
  })
})

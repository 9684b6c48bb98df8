// Which rows of a fixed-row-height list are rendered for a scroll position: the visible ones plus an overscan.

export interface VirtualWindow {
  /** first rendered row (inclusive) */
  first: number
  /** last rendered row (exclusive) */
  last: number
  /** px from the list's top to the first rendered row */
  offsetTop: number
  /** px height of the whole list */
  totalHeight: number
}

export function virtualWindow(options: { scrollTop: number; viewportHeight: number; rowHeight: number; rowCount: number; overscan: number }): VirtualWindow {
  const { scrollTop, viewportHeight, rowHeight, rowCount, overscan } = options
  const totalHeight = rowCount * rowHeight
  if (rowCount === 0 || rowHeight <= 0) return { first: 0, last: 0, offsetTop: 0, totalHeight }
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, totalHeight - viewportHeight)))
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan)
  const last = Math.min(rowCount, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight) + overscan)
  return { first, last, offsetTop: first * rowHeight, totalHeight }
}

/** The scrollTop that brings a row into view, or null when it already is. */
export function scrollToReveal(row: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const rowTop = row * rowHeight
  if (rowTop < scrollTop) return rowTop
  if (rowTop + rowHeight > scrollTop + viewportHeight) return rowTop + rowHeight - viewportHeight
  return null
}

export type NavigationKey = 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown'

/** The row index selected after a navigation key, clamped to the list. */
export function moveSelection(current: number, key: NavigationKey, rowCount: number, pageSize: number): number {
  if (rowCount === 0) return -1
  const target =
    key === 'ArrowUp'
      ? current - 1
      : key === 'ArrowDown'
        ? current + 1
        : key === 'Home'
          ? 0
          : key === 'End'
            ? rowCount - 1
            : key === 'PageUp'
              ? current - pageSize
              : current + pageSize
  return Math.max(0, Math.min(rowCount - 1, target))
}

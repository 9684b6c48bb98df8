/** Calls from one service to another in a time range: spans of `child` whose parent span is in `parent`. */
export interface ServiceDependency {
  parent: string
  child: string
  callCount: number
  /** null when the source does not say (Jaeger) */
  errorCount: number | null
}

export interface DependencyGraph {
  /** false when the configured source offers no dependency graph; `reason` says why */
  supported: boolean
  reason?: string
  dependencies: ServiceDependency[]
  /** traces read, when the source says (the store); `truncated` when the range held more */
  traceCount?: number
  truncated?: boolean
}

export interface PlacedNode {
  name: string
  /** layer: 0 for services nothing calls, then one more than the deepest caller */
  column: number
  row: number
}

export interface GraphLayout {
  nodes: PlacedNode[]
  columns: number
  rows: number
}

/**
 * Places services in layers, callers left of what they call: a service's column is one more than its deepest
 * caller's (longest path, relaxed edge by edge, without recursion). In a cycle the columns would grow without end,
 * so relaxing stops after one round per service; the used columns are then numbered from 0. Rows are by name.
 */
export function layoutGraph(dependencies: ServiceDependency[]): GraphLayout {
  const column = new Map<string, number>()
  for (const { parent, child } of dependencies) {
    column.set(parent, 0)
    column.set(child, 0)
  }
  const edges = dependencies.filter((edge) => edge.parent !== edge.child)
  for (let round = 0; round < column.size; round += 1) {
    let changed = false
    for (const { parent, child } of edges) {
      const wanted = column.get(parent)! + 1
      if (wanted > column.get(child)!) {
        column.set(child, wanted)
        changed = true
      }
    }
    if (!changed) break
  }
  const usedColumns = [...new Set(column.values())].sort((a, b) => a - b)
  const byColumn = new Map<number, string[]>()
  for (const [name, at] of column) {
    const index = usedColumns.indexOf(at)
    byColumn.set(index, [...(byColumn.get(index) ?? []), name])
  }
  const nodes: PlacedNode[] = []
  for (const [at, members] of byColumn) members.sort().forEach((name, row) => nodes.push({ name, column: at, row }))
  const rows = Math.max(0, ...[...byColumn.values()].map((members) => members.length))
  return { nodes: nodes.sort((a, b) => a.column - b.column || a.row - b.row), columns: usedColumns.length, rows }
}

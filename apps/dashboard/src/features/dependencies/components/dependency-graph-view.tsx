import { layoutGraph, type ServiceDependency } from '../model/dependency-graph'
import styles from './dependency-graph-view.module.css'

const NODE_WIDTH = 168
const NODE_HEIGHT = 36
const COLUMN_GAP = 96
const ROW_GAP = 28
const MARGIN = 16
const MAX_NAME_CHARS = 22

/** Services as boxes in layers, callers left of what they call; an arrow per caller → callee with its call count. */
export function DependencyGraphView({ dependencies }: { dependencies: ServiceDependency[] }) {
  const layout = layoutGraph(dependencies)
  const place = new Map(layout.nodes.map((node) => [node.name, node]))
  const x = (column: number) => MARGIN + column * (NODE_WIDTH + COLUMN_GAP)
  const y = (row: number) => MARGIN + row * (NODE_HEIGHT + ROW_GAP)
  const width = MARGIN * 2 + layout.columns * NODE_WIDTH + Math.max(0, layout.columns - 1) * COLUMN_GAP
  const height = MARGIN * 2 + layout.rows * NODE_HEIGHT + Math.max(0, layout.rows - 1) * ROW_GAP + NODE_HEIGHT
  const maxCalls = Math.max(1, ...dependencies.map((edge) => edge.callCount))
  return (
    <div className={styles.scroller}>
      <svg role="img" aria-label="Service dependency graph" width={width} height={height} viewBox={`0 0 ${width} ${height}`} className={styles.graph}>
        <defs>
          <marker id="dependency-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M0,0 L8,4 L0,8 z" className={styles.arrowHead} />
          </marker>
        </defs>
        {dependencies
          .filter((edge) => edge.parent !== edge.child)
          .map((edge) => {
            const from = place.get(edge.parent)!
            const to = place.get(edge.child)!
            const x1 = x(from.column) + NODE_WIDTH
            const y1 = y(from.row) + NODE_HEIGHT / 2
            const x2 = x(to.column)
            const y2 = y(to.row) + NODE_HEIGHT / 2
            // a call back to an earlier column (a cycle) loops below the boxes
            const backwards = x2 <= x1
            const path = backwards
              ? `M${x1},${y1} C${x1 + 40},${height - 4} ${x2 - 40},${height - 4} ${x2},${y2}`
              : `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`
            const failed = (edge.errorCount ?? 0) > 0
            return (
              <g key={`${edge.parent}\u0000${edge.child}`} data-edge={`${edge.parent}→${edge.child}`}>
                <path
                  d={path}
                  className={failed ? styles.edgeFailed : styles.edge}
                  strokeWidth={1 + 3 * Math.log10(1 + (9 * edge.callCount) / maxCalls)}
                  markerEnd="url(#dependency-arrow)"
                  fill="none"
                >
                  <title>{`${edge.parent} → ${edge.child}: ${edge.callCount} calls${edge.errorCount === null ? '' : `, ${edge.errorCount} failed`}`}</title>
                </path>
                <text x={(x1 + x2) / 2} y={backwards ? height - 8 : (y1 + y2) / 2 - 4} className={styles.edgeLabel} textAnchor="middle">
                  {edge.callCount}
                  {failed ? ` (${edge.errorCount} failed)` : ''}
                </text>
              </g>
            )
          })}
        {layout.nodes.map((node) => (
          <g key={node.name} data-service={node.name}>
            <rect x={x(node.column)} y={y(node.row)} width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} className={styles.node} />
            <text x={x(node.column) + 10} y={y(node.row) + NODE_HEIGHT / 2 + 4} className={styles.nodeLabel}>
              {node.name.length > MAX_NAME_CHARS ? `${node.name.slice(0, MAX_NAME_CHARS - 1)}…` : node.name}
              <title>{node.name}</title>
            </text>
          </g>
        ))}
      </svg>
    </div>
  )
}

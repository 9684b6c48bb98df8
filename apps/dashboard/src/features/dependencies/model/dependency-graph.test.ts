import { describe, expect, it } from 'vitest'
import { layoutGraph, type ServiceDependency } from './dependency-graph'

const call = (parent: string, child: string): ServiceDependency => ({ parent, child, callCount: 1, errorCount: 0 })
const columns = (dependencies: ServiceDependency[]) => Object.fromEntries(layoutGraph(dependencies).nodes.map((node) => [node.name, node.column]))

describe('layoutGraph', () => {
  it('puts each service one column after its deepest caller', () => {
    // web ─▶ api ─▶ db
    //  └──────────▶ db (direct too): db still goes after api
    expect(columns([call('web', 'api'), call('api', 'db'), call('web', 'db')])).toEqual({ web: 0, api: 1, db: 2 })
  })

  it('orders a column by name and counts rows and columns', () => {
    const layout = layoutGraph([call('web', 'orders'), call('web', 'auth')])
    expect(layout.nodes).toEqual([
      { name: 'web', column: 0, row: 0 },
      { name: 'auth', column: 1, row: 0 },
      { name: 'orders', column: 1, row: 1 },
    ])
    expect([layout.columns, layout.rows]).toEqual([2, 2])
  })

  it('still places every service of a cycle, in a bounded number of steps', () => {
    // web ─▶ a ─▶ b ─▶ a
    const placed = columns([call('web', 'a'), call('a', 'b'), call('b', 'a')])
    expect(Object.keys(placed).sort()).toEqual(['a', 'b', 'web'])
    expect(placed.web).toBe(0)
  })

  it('lays out 300 services in a chain without recursion', () => {
    const chain = Array.from({ length: 299 }, (_, index) => call(`s${index}`, `s${index + 1}`))
    const layout = layoutGraph(chain)
    expect(layout.columns).toBe(300)
    expect(layout.nodes.find((node) => node.name === 's299')!.column).toBe(299)
  })

  it('keeps a service that calls itself, without a column of its own', () => {
    expect(columns([call('api', 'api')])).toEqual({ api: 0 })
  })
})

import { describe, expect, it } from 'vitest'
import { compareRoutes, mergeRouteTiers, ROUTE_KEYS, routeId, routeTierSpecs } from './route-tiers'

describe('routeTierSpecs', () => {
  const base = { calculations: [{ op: 'COUNT' }], filters: [{ column: 'service.name', op: '=', value: 'web' }], breakdowns: ['error'] }

  it('asks each route key only of spans that lack every key before it, grouped by that key', () => {
    const tiers = routeTierSpecs(base)
    expect(tiers.map((tier) => tier.key)).toEqual([...ROUTE_KEYS])
    expect(tiers[0]!.spec.filters).toEqual([...base.filters, { column: 'browser.page.route', op: 'exists' }])
    expect(tiers[1]!.spec.filters).toEqual([...base.filters, { column: 'browser.page.route', op: 'does-not-exist' }, { column: 'url.template', op: 'exists' }])
    expect(tiers[1]!.spec.breakdowns).toEqual(['error', 'url.template'])
  })

  it('lets the last key also take the spans with no route at all, so every span is counted once', () => {
    const last = routeTierSpecs(base)[3]!
    expect(last.spec.filters).toEqual([
      ...base.filters,
      { column: 'browser.page.route', op: 'does-not-exist' },
      { column: 'url.template', op: 'does-not-exist' },
      { column: 'browser.page.path', op: 'does-not-exist' },
    ])
    expect(last.spec.breakdowns).toEqual(['error', 'url.path'])
  })

  it('leaves the base spec as it was', () => {
    routeTierSpecs(base)
    expect(base.filters).toHaveLength(1)
    expect(base.breakdowns).toEqual(['error'])
  })
})

describe('mergeRouteTiers', () => {
  it('names each group by its tier key, and a group without the last key as having no route', () => {
    const groups = mergeRouteTiers([
      { key: 'browser.page.route', rows: [{ data: { 'browser.page.route': '/a', COUNT: 2 }, exampleTraceIds: ['t1'] }] },
      { key: 'url.template', rows: [{ data: { 'url.template': '/a', COUNT: 3 }, exampleTraceIds: [] }] },
      {
        key: 'url.path',
        rows: [
          { data: { 'url.path': 404, COUNT: 1 }, exampleTraceIds: [] },
          { data: { 'url.path': null, COUNT: 5 }, exampleTraceIds: [] },
        ],
      },
    ])
    expect(groups.map((group) => [group.route, group.routeKey, group.data.COUNT])).toEqual([
      ['/a', 'browser.page.route', 2],
      ['/a', 'url.template', 3],
      ['404', 'url.path', 1],
      [null, null, 5],
    ])
    // the same text from two attributes stays two routes: their percentiles cannot be merged
    expect(routeId(groups[0]!)).not.toBe(routeId(groups[1]!))
    expect(groups[0]!.exampleTraceIds).toEqual(['t1'])
  })
})

describe('compareRoutes', () => {
  it('orders by route text, the route template first on a tie, no route last', () => {
    const routes = [
      { route: null, routeKey: null },
      { route: '/b', routeKey: 'url.template' as const },
      { route: '/a', routeKey: 'url.path' as const },
      { route: '/a', routeKey: 'browser.page.route' as const },
    ]
    expect([...routes].sort(compareRoutes).map((each) => `${each.route}|${each.routeKey}`)).toEqual([
      '/a|browser.page.route',
      '/a|url.path',
      '/b|url.template',
      'null|null',
    ])
  })
})

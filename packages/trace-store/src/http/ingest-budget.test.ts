import { describe, expect, it } from 'vitest'
import { IngestBudget } from './ingest-budget.js'

describe('IngestBudget', () => {
  it('admits requests while their declared bodies fit, and again once one is released', () => {
    const budget = new IngestBudget({ maxRequests: 10, maxBodyBytes: 100 })
    const first = budget.admit(60)!
    expect(budget.admit(50)).toBeNull()
    const second = budget.admit(40)!
    expect(budget.inFlight).toEqual({ requests: 2, bodyBytes: 100 })
    first.release()
    first.release() // twice is harmless
    expect(budget.admit(60)).not.toBeNull()
    second.release()
  })

  it('refuses a request beyond the request count, however small', () => {
    const budget = new IngestBudget({ maxRequests: 2, maxBodyBytes: 100 })
    budget.admit(0)
    budget.admit(0)
    expect(budget.admit(0)).toBeNull()
  })

  it('grows a ticket as its body turns out larger than declared, until the budget is spent', () => {
    const budget = new IngestBudget({ maxRequests: 10, maxBodyBytes: 100 })
    const other = budget.admit(30)!
    const chunked = budget.admit(0)!
    expect(chunked.reserve(50)).toBe(true)
    expect(chunked.reserve(20)).toBe(true) // never shrinks
    expect(budget.inFlight.bodyBytes).toBe(80)
    expect(chunked.reserve(71)).toBe(false)
    expect(budget.inFlight.bodyBytes).toBe(80)
    chunked.release()
    other.release()
    expect(budget.inFlight).toEqual({ requests: 0, bodyBytes: 0 })
  })
})

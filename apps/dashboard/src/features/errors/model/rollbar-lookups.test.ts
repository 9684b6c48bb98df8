import { describe, expect, it } from 'vitest'
import { traceItemsNote } from './rollbar-lookups'

const hhmm = (sec: number) => new Date(sec * 1000).toISOString().slice(11, 16)

describe('traceItemsNote', () => {
  it('says nothing when RQL found the items', () => {
    expect(traceItemsNote({ via: 'rql', scan: null, rqlUnavailable: null }, hhmm)).toBeNull()
  })

  it('says why RQL did not answer and how far back the scan looked', () => {
    expect(
      traceItemsNote(
        { via: 'scan', scan: { occurrencesPerItem: 20, itemCount: 25, sinceSec: 1782036600 }, rqlUnavailable: 'Rollbar has no RQL (HTTP 403)' },
        hhmm,
      ),
    ).toBe('Rollbar has no RQL (HTTP 403), so this looked at the newest 20 occurrences of the 25 items seen since 10:10; older occurrences are not searched.')
  })

  it('says when there were no recent items to look at', () => {
    expect(traceItemsNote({ via: 'scan', scan: { occurrencesPerItem: 20, itemCount: 0, sinceSec: null }, rqlUnavailable: null }, hhmm)).toBe(
      'This looked for recent items and found none seen since shortly before the trace; older occurrences are not searched.',
    )
  })
})

/**
 * How much ingest the store takes on at once: at most `maxRequests` OTLP
 * requests, holding at most `maxBodyBytes` of bodies between them. A
 * request's body, decoded, is several times its size in memory until it is
 * committed, so bounding the bodies in flight is what bounds ingest memory.
 */
export interface IngestBudgetLimits {
  maxRequests: number
  maxBodyBytes: number
}

/** One admitted request's share of the budget; release it once the request is answered. */
export interface IngestTicket {
  /** grows the share to `bodyBytes` (never shrinks it); false, and no growth, when that would pass the budget */
  reserve(bodyBytes: number): boolean
  release(): void
}

export class IngestBudget {
  private requestCount = 0
  private reservedBytes = 0

  constructor(readonly limits: IngestBudgetLimits) {}

  get inFlight(): { requests: number; bodyBytes: number } {
    return { requests: this.requestCount, bodyBytes: this.reservedBytes }
  }

  /** A ticket holding `declaredBytes` (the Content-Length, 0 when unknown), or null when that is over the budget. */
  admit(declaredBytes: number): IngestTicket | null {
    if (this.requestCount >= this.limits.maxRequests || !this.fits(declaredBytes)) return null
    this.requestCount += 1
    this.reservedBytes += declaredBytes
    let heldBytes = declaredBytes
    let released = false
    return {
      reserve: (bodyBytes) => {
        if (released || bodyBytes <= heldBytes) return true
        if (!this.fits(bodyBytes - heldBytes)) return false
        this.reservedBytes += bodyBytes - heldBytes
        heldBytes = bodyBytes
        return true
      },
      release: () => {
        if (released) return
        released = true
        this.requestCount -= 1
        this.reservedBytes -= heldBytes
      },
    }
  }

  private fits(moreBytes: number): boolean {
    return this.reservedBytes + moreBytes <= this.limits.maxBodyBytes
  }
}

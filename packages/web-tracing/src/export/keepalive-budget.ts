/**
 * Chromium refuses a `keepalive` request once the bodies of the page's
 * keepalive requests in flight would pass 64 KiB, and counts a request
 * until its response body has been read or cancelled. This mirrors what the
 * browser holds for our own requests (the caller releases only after the
 * body is consumed) and keeps a margin for the page's own beacons. At most
 * 9 at once, the cap the OpenTelemetry JS fetch transport uses.
 */
export const KEEPALIVE_BUDGET_BYTES = 60 * 1024
export const MAX_KEEPALIVE_REQUESTS = 9

export class KeepaliveBudget {
  readonly totalBytes: number
  private bytesInFlight = 0
  private requestsInFlight = 0

  constructor(totalBytes = KEEPALIVE_BUDGET_BYTES) {
    this.totalBytes = totalBytes
  }

  /** bytes one more keepalive request may carry now (0 when the request cap is reached) */
  availableBytes(): number {
    return this.requestsInFlight >= MAX_KEEPALIVE_REQUESTS ? 0 : this.totalBytes - this.bytesInFlight
  }

  fits(bytes: number): boolean {
    return bytes <= this.availableBytes()
  }

  reserve(bytes: number): void {
    this.bytesInFlight += bytes
    this.requestsInFlight++
  }

  release(bytes: number): void {
    this.bytesInFlight -= bytes
    this.requestsInFlight--
  }
}

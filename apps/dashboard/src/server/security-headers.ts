import 'server-only'

// The headers every response carries (src/proxy.ts sets them), as pure functions so they are tested without a server.

/** A fresh CSP nonce: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')
}

/**
 * The Content-Security-Policy of a page. Scripts: those carrying this response's nonce (Next.js puts it on its own
 * inline and external scripts when the request carries this header) and same-origin files (the chunks Next.js loads
 * later); no 'unsafe-inline', no 'unsafe-eval', and no 'strict-dynamic' (which would let any script a page script
 * creates run, from anywhere). Style sheets: same-origin files and nonce'd elements; style *attributes* are
 * allowed ('unsafe-inline' in style-src-attr only): the pages position bars and set widths with React's `style`, which
 * cannot run script. Everything the page fetches (the proxy API, the outline preload) is same-origin.
 */
export function pageContentSecurityPolicy(nonce: string, { development = false }: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // `next dev` only: React rebuilds server stack traces with eval; a production build never needs it
    `script-src 'self' 'nonce-${nonce}'${development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join('; ')
}

/** The Content-Security-Policy of everything that is not a page (API JSON, static files): nothing may run or load. */
export const NON_PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/**
 * The headers besides the CSP, on every response. `Referrer-Policy: no-referrer`: the dashboard's URLs carry trace ids,
 * session ids and search terms, and nothing it calls needs a Referer (its one state-changing route checks
 * `Sec-Fetch-Site`), so no URL of it leaves with a click on an outbound link.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'x-dns-prefetch-control': 'off',
  'origin-agent-cluster': '?1',
}

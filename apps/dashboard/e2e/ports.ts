// Ports and secrets of the Playwright run (48xx: never the ports of a developer's running Spanlight).
export const STORE_PORT = 4860
export const DASHBOARD_PORT = 4861
export const STORE_URL = `http://127.0.0.1:${STORE_PORT}`
export const DASHBOARD_URL = `http://127.0.0.1:${DASHBOARD_PORT}`
/** The store's read token: the dashboard must use it and never reveal it. */
export const READ_TOKEN = 'e2e-read-token-7d41c0a9f3'
export const ROLLBAR_POST_TOKEN = 'e2e-rollbar-post-token-2b8e'
/** The store's write token (item status changes, saved queries): the dashboard gets it as ROLLBAR_WRITE_TOKEN and SPANLIGHT_WRITE_TOKEN. */
export const WRITE_TOKEN = 'e2e-write-token-c3f90d'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

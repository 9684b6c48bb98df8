import { initWebTracing } from '@spanlight/web-tracing'
import { lazyRollbarBridge } from '@spanlight/web-tracing/rollbar'

export const tracing = initWebTracing({
  serviceName: 'shop-web',
  serviceVersion: '1.4.0',
  environment: 'production',
  endpoint: 'https://collector.example.com', // /v1/traces is appended
  propagateTo: ['https://api.example.com', 'https://example.com/api', /^https:\/\/[a-z]+\.internal\.example\.com\//],
  // rollbar is loaded after start, in a chunk of its own; to bridge your own instance: rollbarBridge(rollbar)
  rollbar: lazyRollbarBridge({ accessToken: 'POST_CLIENT_ITEM_TOKEN', load: () => import('rollbar') }),
})

// your own spans: fetches started inside the callback are their children
document.querySelector('#buy')?.addEventListener('click', () => {
  tracing.tracer.startActiveSpan('checkout click', (span) => {
    void fetch('https://api.example.com/orders', { method: 'POST' }).finally(() => span.end())
  })
})

// recorded on the active span (here a new `exception` span), which gets the
// uuid of the Rollbar item, and sent to Rollbar with the same trace id
tracing.reportError(new Error('payment declined'))

// spans are exported every 2 s and when the page is hidden; to export now
// (this waits for reports queued while rollbar loads, at most 3 s):
void tracing.forceFlush()

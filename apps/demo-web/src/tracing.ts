import { initWebTracing } from '@spanlight/web-tracing'
import { lazyRollbarBridge } from '@spanlight/web-tracing/rollbar'
import { API_URL, OTLP_ENDPOINT, ROLLBAR_ACCESS_TOKEN, ROLLBAR_ENDPOINT } from './config.js'

// Set up once, before React renders, exactly as the package README tells users.
export const tracing = initWebTracing({
  serviceName: 'demo-web',
  serviceVersion: '0.1.0',
  environment: 'development',
  endpoint: OTLP_ENDPOINT,
  propagateTo: [API_URL],
  rollbar: lazyRollbarBridge({ accessToken: ROLLBAR_ACCESS_TOKEN, endpoint: ROLLBAR_ENDPOINT, load: () => import('rollbar') }),
})

import { initWebTracing } from '@spanlight/web-tracing'
import { lazyRollbarBridge } from '@spanlight/web-tracing/rollbar'

initWebTracing({
  serviceName: 'bench-web',
  endpoint: 'http://127.0.0.1:4318',
  propagateTo: ['http://127.0.0.1:4567'],
  rollbar: lazyRollbarBridge({ accessToken: 'token', load: () => import('rollbar') }),
})

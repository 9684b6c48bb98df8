import { initWebTracing } from '@spanlight/web-tracing'
import Rollbar from 'rollbar'

initWebTracing({
  serviceName: 'bench-web',
  endpoint: 'http://127.0.0.1:4318',
  propagateTo: ['http://127.0.0.1:4567'],
  rollbar: new Rollbar({ accessToken: 'token', captureUncaught: true, captureUnhandledRejections: true }),
})

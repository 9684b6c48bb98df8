import Rollbar from 'rollbar'

new Rollbar({ accessToken: 'token', captureUncaught: true, captureUnhandledRejections: true })

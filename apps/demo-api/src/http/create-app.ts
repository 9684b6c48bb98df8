import cors from 'cors'
import express, { type Express } from 'express'
import { ActivityRepository } from '../activities/activity-repository.js'
import { activityRoutes } from '../activities/activity-routes.js'
import type { TracedDatabase } from '../db/traced-database.js'
import type { ErrorReporter } from '../errors/error-reporter.js'
import { handleErrors, notFoundRoute } from '../errors/handle-errors.js'
import { UserRepository } from '../users/user-repository.js'
import { userRoutes } from '../users/user-routes.js'

/** Request headers a browser may send cross-origin: the W3C trace context and baggage, so its trace continues here. */
export const CORS_ALLOWED_HEADERS = ['content-type', 'traceparent', 'tracestate', 'baggage']
export const MAX_BODY_BYTES = 16 * 1024
export const FAIL_MESSAGE = 'deliberate failure: GET /api/fail always fails'

export interface AppDependencies {
  db: TracedDatabase
  reporter: ErrorReporter
  corsOrigins: string[]
  log?: (message: string) => void
}

export function createApp({ db, reporter, corsOrigins, log }: AppDependencies): Express {
  const users = new UserRepository(db)
  const activities = new ActivityRepository(db)
  const app = express()
  app.disable('x-powered-by')
  app.use(
    cors({
      origin: corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      maxAge: 600,
    }),
  )
  app.use(express.json({ limit: MAX_BODY_BYTES }))

  app.get('/api/health', (_request, response) => {
    response.json({ status: 'ok', service: 'demo-api' })
  })
  app.use('/api/activities', activityRoutes(activities, users))
  app.use('/api/users', userRoutes(users, activities))
  app.get('/api/fail', () => {
    throw new Error(FAIL_MESSAGE)
  })

  app.use(notFoundRoute())
  app.use(handleErrors(reporter, log))
  return app
}

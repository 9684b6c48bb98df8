import { trace } from '@opentelemetry/api'
import { Router } from 'express'
import { AppError } from '../errors/app-error.js'
import { answeringExpectedErrors } from '../errors/handle-errors.js'
import { parseInput } from '../http/parse-input.js'
import { DEMO_CURRENT_USER_HANDLE } from '../db/seed-data.js'
import type { UserRepository } from '../users/user-repository.js'
import { newActivitySchema, notificationsQuerySchema, searchQuerySchema } from './activity-input.js'
import type { ActivityRepository } from './activity-repository.js'

/** The home feed's custom span, as in the Cruddur tutorial, and its attributes. */
export const MOCK_DATA_SPAN_NAME = 'mock-data'
export const ATTR_APP_NOW = 'app.now'
export const ATTR_APP_RESULT_LENGTH = 'app.result_length'

const tracer = trace.getTracer('@spanlight/demo-api')

export function activityRoutes(activities: ActivityRepository, users: UserRepository): Router {
  const router = Router()

  router.get(
    '/home',
    answeringExpectedErrors((_request, response) => {
      const feed = tracer.startActiveSpan(MOCK_DATA_SPAN_NAME, (span) => {
        try {
          span.setAttribute(ATTR_APP_NOW, new Date().toISOString())
          const results = activities.homeFeed()
          span.setAttribute(ATTR_APP_RESULT_LENGTH, results.length)
          return results
        } finally {
          span.end()
        }
      })
      response.json({ activities: feed })
    }),
  )

  router.get(
    '/notifications',
    answeringExpectedErrors((request, response) => {
      const { handle = DEMO_CURRENT_USER_HANDLE } = parseInput(notificationsQuerySchema, request.query)
      const user = users.findByHandle(handle)
      if (!user) throw new AppError('not_found', `no user with handle ${handle}`, [{ field: 'handle', message: 'no such user' }])
      response.json({ notifications: activities.notificationsFor(user) })
    }),
  )

  router.get(
    '/search',
    answeringExpectedErrors((request, response) => {
      const { term } = parseInput(searchQuerySchema, request.query)
      response.json({ term, activities: activities.search(term) })
    }),
  )

  router.post(
    '/',
    answeringExpectedErrors((request, response) => {
      const input = parseInput(newActivitySchema, request.body)
      const author = users.findByHandle(input.handle)
      if (!author) throw new AppError('not_found', `no user with handle ${input.handle}`, [{ field: 'handle', message: 'no such user' }])
      const activity = activities.create(author, input.message)
      response.status(201).json({ activity })
    }),
  )

  return router
}

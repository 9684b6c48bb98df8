import { Router } from 'express'
import type { ActivityRepository } from '../activities/activity-repository.js'
import { AppError } from '../errors/app-error.js'
import { answeringExpectedErrors } from '../errors/handle-errors.js'
import type { UserRepository } from './user-repository.js'

export function userRoutes(users: UserRepository, activities: ActivityRepository): Router {
  const router = Router()

  router.get(
    '/:handle',
    answeringExpectedErrors((request, response) => {
      // any text that is no user's handle is simply not found
      const handle = String(request.params.handle)
      const user = users.findByHandle(handle)
      if (!user) throw new AppError('not_found', `no user with handle ${handle}`, [{ field: 'handle', message: 'no such user' }])
      response.json({ profile: user, activities: activities.byUser(user) })
    }),
  )

  return router
}

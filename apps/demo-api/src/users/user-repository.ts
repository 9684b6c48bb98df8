import type { TracedDatabase } from '../db/traced-database.js'

export interface User {
  uuid: string
  handle: string
  displayName: string
  bio: string
  activitiesCount: number
  createdAt: string
}

const FIND_BY_HANDLE = {
  operation: 'SELECT',
  collection: 'users',
  sql: 'SELECT uuid, handle, display_name AS displayName, bio, activities_count AS activitiesCount, created_at AS createdAt FROM users WHERE handle = @handle',
} as const

export class UserRepository {
  constructor(private readonly db: TracedDatabase) {}

  findByHandle(handle: string): User | undefined {
    return this.db.get<User>(FIND_BY_HANDLE, { handle })
  }
}

import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { IN_MEMORY } from '../config/load-config.js'
import { SCHEMA_SQL } from './schema.js'
import { SEED_ACTIVITIES, SEED_NOTIFICATIONS, SEED_USERS } from './seed-data.js'
import { TracedDatabase } from './traced-database.js'

/** Opens (creating when missing) the database, applies the schema and seeds an empty one. Setup is not traced. */
export function openDatabase(file: string, now: Date = new Date()): TracedDatabase {
  if (file !== IN_MEMORY) mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const db = new Database(file)
  if (file !== IN_MEMORY) db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.exec(SCHEMA_SQL)
  const { count } = db.prepare('SELECT count(*) AS count FROM users').get() as { count: number }
  if (count === 0) seed(db, now)
  return new TracedDatabase(db)
}

function seed(db: Database.Database, now: Date): void {
  const insertUser = db.prepare(
    'INSERT INTO users (uuid, handle, display_name, bio, activities_count, created_at) VALUES (@uuid, @handle, @displayName, @bio, @activitiesCount, @createdAt)',
  )
  const insertActivity = db.prepare(
    'INSERT INTO activities (uuid, user_uuid, message, likes_count, created_at) VALUES (@uuid, @userUuid, @message, @likesCount, @createdAt)',
  )
  const insertNotification = db.prepare(
    'INSERT INTO notifications (uuid, recipient_user_uuid, activity_uuid, kind, created_at) VALUES (@uuid, @recipientUuid, @activityUuid, @kind, @createdAt)',
  )
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString()

  db.transaction(() => {
    const userUuids = new Map<string, string>()
    for (const user of SEED_USERS) {
      const uuid = randomUUID()
      userUuids.set(user.handle, uuid)
      const activitiesCount = SEED_ACTIVITIES.filter((activity) => activity.handle === user.handle).length
      insertUser.run({ uuid, handle: user.handle, displayName: user.displayName, bio: user.bio, activitiesCount, createdAt: minutesAgo(24 * 60) })
    }
    const activityUuids = SEED_ACTIVITIES.map((activity) => {
      const uuid = randomUUID()
      insertActivity.run({
        uuid,
        userUuid: userUuids.get(activity.handle),
        message: activity.message,
        likesCount: activity.likesCount,
        createdAt: minutesAgo(activity.ageMinutes),
      })
      return uuid
    })
    for (const notification of SEED_NOTIFICATIONS) {
      const activity = SEED_ACTIVITIES[notification.activityIndex]!
      insertNotification.run({
        uuid: randomUUID(),
        recipientUuid: userUuids.get(notification.recipientHandle),
        activityUuid: activityUuids[notification.activityIndex],
        kind: notification.kind,
        createdAt: minutesAgo(activity.ageMinutes - 1),
      })
    }
  })()
}

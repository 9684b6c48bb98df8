import { randomUUID } from 'node:crypto'
import type { QuerySpec, TracedDatabase } from '../db/traced-database.js'
import type { User } from '../users/user-repository.js'

export interface Activity {
  uuid: string
  handle: string
  displayName: string
  message: string
  repliesCount: number
  repostsCount: number
  likesCount: number
  /** ISO 8601 */
  createdAt: string
}

export interface Notification {
  uuid: string
  kind: 'mention' | 'like' | 'reply'
  createdAt: string
  activity: Activity
}

export const DEFAULT_PAGE_SIZE = 50

const ACTIVITY_COLUMNS = `a.uuid, u.handle, u.display_name AS displayName, a.message, a.replies_count AS repliesCount,
  a.reposts_count AS repostsCount, a.likes_count AS likesCount, a.created_at AS createdAt`

const HOME_FEED: QuerySpec = {
  operation: 'SELECT',
  collection: 'activities',
  sql: `SELECT ${ACTIVITY_COLUMNS} FROM activities a JOIN users u ON u.uuid = a.user_uuid ORDER BY a.created_at DESC, a.rowid DESC LIMIT @limit`,
}
const SEARCH: QuerySpec = {
  operation: 'SELECT',
  collection: 'activities',
  sql: `SELECT ${ACTIVITY_COLUMNS} FROM activities a JOIN users u ON u.uuid = a.user_uuid
  WHERE a.message LIKE @pattern ESCAPE '\\' OR u.handle LIKE @pattern ESCAPE '\\' OR u.display_name LIKE @pattern ESCAPE '\\'
  ORDER BY a.created_at DESC, a.rowid DESC LIMIT @limit`,
}
const BY_USER: QuerySpec = {
  operation: 'SELECT',
  collection: 'activities',
  sql: `SELECT ${ACTIVITY_COLUMNS} FROM activities a JOIN users u ON u.uuid = a.user_uuid WHERE a.user_uuid = @userUuid
  ORDER BY a.created_at DESC, a.rowid DESC LIMIT @limit`,
}
const BY_UUID: QuerySpec = {
  operation: 'SELECT',
  collection: 'activities',
  sql: `SELECT ${ACTIVITY_COLUMNS} FROM activities a JOIN users u ON u.uuid = a.user_uuid WHERE a.uuid = @uuid`,
}
const NOTIFICATIONS: QuerySpec = {
  operation: 'SELECT',
  collection: 'notifications',
  sql: `SELECT n.uuid AS notificationUuid, n.kind, n.created_at AS notifiedAt, ${ACTIVITY_COLUMNS}
  FROM notifications n JOIN activities a ON a.uuid = n.activity_uuid JOIN users u ON u.uuid = a.user_uuid
  WHERE n.recipient_user_uuid = @userUuid ORDER BY n.created_at DESC, n.rowid DESC LIMIT @limit`,
}
const INSERT_ACTIVITY: QuerySpec = {
  operation: 'INSERT',
  collection: 'activities',
  sql: 'INSERT INTO activities (uuid, user_uuid, message, created_at) VALUES (@uuid, @userUuid, @message, @createdAt)',
}
const COUNT_ACTIVITY: QuerySpec = {
  operation: 'UPDATE',
  collection: 'users',
  sql: 'UPDATE users SET activities_count = activities_count + 1 WHERE uuid = @userUuid',
}
const MENTIONED_USERS: QuerySpec = {
  operation: 'SELECT',
  collection: 'users',
  sql: 'SELECT uuid FROM users WHERE handle IN (SELECT value FROM json_each(@handles)) AND uuid != @authorUuid',
}
const INSERT_NOTIFICATION: QuerySpec = {
  operation: 'INSERT',
  collection: 'notifications',
  sql: "INSERT INTO notifications (uuid, recipient_user_uuid, activity_uuid, kind, created_at) VALUES (@uuid, @recipientUuid, @activityUuid, 'mention', @createdAt)",
}

const MENTION_PATTERN = /@([a-z0-9_]{1,30})\b/gi

/** The handles a message mentions as @handle, lower-cased, each once. */
export function mentionedHandles(message: string): string[] {
  return [...new Set([...message.matchAll(MENTION_PATTERN)].map((match) => match[1]!.toLowerCase()))]
}

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
}

export class ActivityRepository {
  constructor(private readonly db: TracedDatabase) {}

  homeFeed(limit = DEFAULT_PAGE_SIZE): Activity[] {
    return this.db.all<Activity>(HOME_FEED, { limit })
  }

  search(term: string, limit = DEFAULT_PAGE_SIZE): Activity[] {
    return this.db.all<Activity>(SEARCH, { pattern: likePattern(term), limit })
  }

  byUser(user: User, limit = DEFAULT_PAGE_SIZE): Activity[] {
    return this.db.all<Activity>(BY_USER, { userUuid: user.uuid, limit })
  }

  notificationsFor(user: User, limit = DEFAULT_PAGE_SIZE): Notification[] {
    const rows = this.db.all<Activity & { notificationUuid: string; kind: Notification['kind']; notifiedAt: string }>(NOTIFICATIONS, {
      userUuid: user.uuid,
      limit,
    })
    return rows.map(({ notificationUuid, kind, notifiedAt, ...activity }) => ({ uuid: notificationUuid, kind, createdAt: notifiedAt, activity }))
  }

  /** Stores the activity, counts it on its author and notifies the users it mentions — all or nothing. */
  create(author: User, message: string, now: Date = new Date()): Activity {
    const uuid = randomUUID()
    const createdAt = now.toISOString()
    return this.db.transaction(() => {
      this.db.run(INSERT_ACTIVITY, { uuid, userUuid: author.uuid, message, createdAt })
      this.db.run(COUNT_ACTIVITY, { userUuid: author.uuid })
      const handles = mentionedHandles(message)
      if (handles.length > 0) {
        const recipients = this.db.all<{ uuid: string }>(MENTIONED_USERS, { handles: JSON.stringify(handles), authorUuid: author.uuid })
        for (const recipient of recipients) {
          this.db.run(INSERT_NOTIFICATION, { uuid: randomUUID(), recipientUuid: recipient.uuid, activityUuid: uuid, createdAt })
        }
      }
      return this.db.get<Activity>(BY_UUID, { uuid })!
    })
  }
}

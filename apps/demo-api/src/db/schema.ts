/** Tables of the demo; created when missing. */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS users (
  uuid TEXT PRIMARY KEY,
  handle TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  bio TEXT NOT NULL DEFAULT '',
  activities_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS activities (
  uuid TEXT PRIMARY KEY,
  user_uuid TEXT NOT NULL REFERENCES users(uuid),
  message TEXT NOT NULL,
  replies_count INTEGER NOT NULL DEFAULT 0,
  reposts_count INTEGER NOT NULL DEFAULT 0,
  likes_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS activities_by_created_at ON activities (created_at DESC);
CREATE TABLE IF NOT EXISTS notifications (
  uuid TEXT PRIMARY KEY,
  recipient_user_uuid TEXT NOT NULL REFERENCES users(uuid),
  activity_uuid TEXT NOT NULL REFERENCES activities(uuid),
  kind TEXT NOT NULL CHECK (kind IN ('mention', 'like', 'reply')),
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_by_recipient ON notifications (recipient_user_uuid, created_at DESC);
`

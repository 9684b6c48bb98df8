/** Demo data in the spirit of the Cruddur sample app; inserted when the users table is empty. */
export interface SeedUser {
  handle: string
  displayName: string
  bio: string
}

export interface SeedActivity {
  handle: string
  message: string
  /** how long before the seeding time it was posted */
  ageMinutes: number
  likesCount: number
}

export interface SeedNotification {
  recipientHandle: string
  /** index into SEED_ACTIVITIES */
  activityIndex: number
  kind: 'mention' | 'like' | 'reply'
}

export const DEMO_CURRENT_USER_HANDLE = 'andrewbrown'

export const SEED_USERS: SeedUser[] = [
  { handle: 'andrewbrown', displayName: 'Andrew Brown', bio: 'Building things in the cloud.' },
  { handle: 'bayko', displayName: 'Andrew Bayko', bio: 'Ops at heart.' },
  { handle: 'worf', displayName: 'Worf', bio: 'Son of Mogh.' },
  { handle: 'garek', displayName: 'Garek', bio: 'Just a simple tailor.' },
]

export const SEED_ACTIVITIES: SeedActivity[] = [
  { handle: 'andrewbrown', message: 'Cloud is fun!', ageMinutes: 120, likesCount: 5 },
  { handle: 'worf', message: 'I am out of prune juice.', ageMinutes: 90, likesCount: 2 },
  { handle: 'garek', message: 'My dear doctor, I am just a simple tailor.', ageMinutes: 60, likesCount: 9 },
  { handle: 'bayko', message: 'Traces or it did not happen. @andrewbrown agrees.', ageMinutes: 30, likesCount: 1 },
  { handle: 'worf', message: 'Today is a good day to debug. @andrewbrown, bring the span ids.', ageMinutes: 10, likesCount: 0 },
]

export const SEED_NOTIFICATIONS: SeedNotification[] = [
  { recipientHandle: 'andrewbrown', activityIndex: 3, kind: 'mention' },
  { recipientHandle: 'andrewbrown', activityIndex: 4, kind: 'mention' },
  { recipientHandle: 'andrewbrown', activityIndex: 2, kind: 'like' },
]

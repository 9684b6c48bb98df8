import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open-database.js'
import type { TracedDatabase } from '../db/traced-database.js'
import { UserRepository } from '../users/user-repository.js'
import { ActivityRepository, mentionedHandles } from './activity-repository.js'

describe('ActivityRepository', () => {
  let db: TracedDatabase
  let activities: ActivityRepository
  let users: UserRepository

  beforeEach(() => {
    db = openDatabase(':memory:')
    activities = new ActivityRepository(db)
    users = new UserRepository(db)
  })

  afterEach(() => db.close())

  const count = (table: string) => (db.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

  it('keeps nothing of a post whose last write fails', () => {
    const worf = users.findByHandle('worf')!
    const before = { activities: count('activities'), notifications: count('notifications'), worf: worf.activitiesCount }
    // the notification insert is the last write of a post that mentions someone
    db.db.exec("CREATE TRIGGER refuse_notifications BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'refused'); END")

    expect(() => activities.create(worf, 'hello @garek')).toThrow(/refused/)
    expect({ activities: count('activities'), notifications: count('notifications'), worf: users.findByHandle('worf')!.activitiesCount }).toEqual(before)
  })

  it('finds users by handle regardless of case, and notifies mentioned users but not the author', () => {
    const worf = users.findByHandle('WORF')!
    const activity = activities.create(worf, 'ping @Garek @worf @nobody @garek')
    const garek = users.findByHandle('garek')!
    expect(activities.notificationsFor(garek).map((notification) => notification.activity.uuid)).toEqual([activity.uuid])
    expect(activities.notificationsFor(worf).some((notification) => notification.activity.uuid === activity.uuid)).toBe(false)
  })

  it('searches literally: % and _ in a term match only themselves', () => {
    const worf = users.findByHandle('worf')!
    activities.create(worf, 'a 100% sure thing')
    expect(activities.search('100%').map((activity) => activity.message)).toEqual(['a 100% sure thing'])
    expect(activities.search('_')).toEqual([])
  })

  it('seeds an empty database once', () => {
    const seeded = count('activities')
    expect(seeded).toBeGreaterThan(0)
    expect(activities.homeFeed()).toHaveLength(seeded)
  })
})

describe('mentionedHandles', () => {
  it('lists each @handle once, lower-cased', () => {
    expect(mentionedHandles('hi @Worf and @worf, cc @garek_2.')).toEqual(['worf', 'garek_2'])
    expect(mentionedHandles('mail me at a@b')).toEqual(['b'])
  })
})

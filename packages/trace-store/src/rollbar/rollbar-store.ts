import { createHash } from 'node:crypto'
import type { SqliteDatabase } from '../store/open-database.js'
import type { OccurrenceFacts } from './occurrence-facts.js'
import { occurrenceLinks } from './occurrence-links.js'
import { RollbarRetention, type RollbarPruneResult, type RollbarRetentionLimits } from './rollbar-retention.js'

export const ITEMS_PAGE_SIZE = 100
export const INSTANCES_PAGE_SIZE = 20
/** The local store serves a single project. */
export const LOCAL_PROJECT_ID = 1
/** What PATCH /api/1/item/:id may set (Rollbar's statuses). */
export const ITEM_STATUSES = ['active', 'resolved', 'muted', 'archived'] as const
export type ItemStatus = (typeof ITEM_STATUSES)[number]

interface ItemRow {
  id: number
  fingerprint: string
  title: string
  level: string
  status: string
  environment: string
  framework: string
  platform: string
  language: string
  total_occurrences: number
  first_occurrence_id: number
  first_occurrence_timestamp: number
  last_occurrence_id: number
  last_occurrence_timestamp: number
  last_activated_timestamp: number
  last_resolved_timestamp: number | null
}

interface OccurrenceRow {
  id: number
  item_id: number
  uuid: string
  timestamp: number
  data: string
}

export interface ItemFilters {
  statuses: string[]
  levels: string[]
  environments: string[]
  ids: number[]
  query?: string
  page: number
}

export interface RecordResult {
  occurrenceId: number
  itemId: number
  uuid: string
  duplicate: boolean
}

/** Items in the field names and units of Rollbar's read API (timestamps in unix seconds). */
export function toItemView(row: ItemRow) {
  return {
    id: row.id,
    counter: row.id,
    project_id: LOCAL_PROJECT_ID,
    title: row.title,
    level: row.level,
    status: row.status,
    environment: row.environment,
    framework: row.framework,
    platform: row.platform,
    total_occurrences: row.total_occurrences,
    unique_occurrences: null,
    first_occurrence_id: row.first_occurrence_id,
    first_occurrence_timestamp: row.first_occurrence_timestamp,
    last_occurrence_id: row.last_occurrence_id,
    last_occurrence_timestamp: row.last_occurrence_timestamp,
    last_activated_timestamp: row.last_activated_timestamp,
    last_resolved_timestamp: row.last_resolved_timestamp,
    resolved_in_version: null,
    assigned_user_id: null,
    activating_occurrence_id: row.first_occurrence_id,
    hash: createHash('sha1').update(row.fingerprint).digest('hex'),
    group_status: 1,
    group_item_id: null,
    level_lock: 0,
    title_lock: 0,
    last_modified_by: null,
  }
}

function toInstanceView(row: OccurrenceRow) {
  return { id: row.id, item_id: row.item_id, project_id: LOCAL_PROJECT_ID, timestamp: row.timestamp, version: 2, data: JSON.parse(row.data) as unknown }
}

/** Rollbar items and their occurrences, grouped by fingerprint within an environment. */
export class RollbarStore {
  private readonly selectOccurrenceByUuid
  private readonly selectItemByFingerprint
  private readonly insertItem
  private readonly insertOccurrence
  private readonly updateItem
  private readonly selectItem
  private readonly selectInstances
  private readonly updateStatus
  private readonly recordInTransaction: (facts: OccurrenceFacts, data: Record<string, unknown>) => RecordResult
  private readonly retention: RollbarRetention

  /** Without `retention` limits, nothing is ever deleted. */
  constructor(
    private readonly db: SqliteDatabase,
    retention: RollbarRetentionLimits = { maxAgeMs: 0, maxOccurrences: 0 },
  ) {
    this.retention = new RollbarRetention(db, retention)
    this.selectOccurrenceByUuid = db.prepare('SELECT id, item_id FROM rollbar_occurrences WHERE uuid = ?')
    this.selectItemByFingerprint = db.prepare('SELECT id FROM rollbar_items WHERE fingerprint = ?').pluck()
    this.insertItem = db.prepare(`INSERT INTO rollbar_items (fingerprint, title, level, status, environment, framework, platform,
      language, total_occurrences, first_occurrence_id, first_occurrence_timestamp, last_occurrence_id, last_occurrence_timestamp,
      last_activated_timestamp) VALUES (?, ?, ?, 'active', ?, ?, ?, ?, 0, 0, ?, 0, ?, ?)`)
    this.insertOccurrence = db.prepare(
      'INSERT INTO rollbar_occurrences (item_id, uuid, timestamp, data, trace_id, span_id, session_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    this.updateItem = db.prepare(`UPDATE rollbar_items SET total_occurrences = total_occurrences + 1,
      first_occurrence_id = CASE WHEN first_occurrence_id = 0 THEN @occurrenceId ELSE first_occurrence_id END,
      last_occurrence_id = @occurrenceId,
      last_occurrence_timestamp = max(last_occurrence_timestamp, @timestampSec),
      first_occurrence_timestamp = min(first_occurrence_timestamp, @timestampSec),
      level = @level, title = @title,
      last_activated_timestamp = CASE WHEN status = 'resolved' THEN @timestampSec ELSE last_activated_timestamp END,
      status = CASE WHEN status = 'resolved' THEN 'active' ELSE status END
      WHERE id = @itemId`)
    // Rollbar's workflow: a new occurrence reactivates a resolved item (above); muted and archived items stay so.
    this.updateStatus = db.prepare(`UPDATE rollbar_items SET
      last_activated_timestamp = CASE WHEN @status = 'active' AND status <> 'active' THEN @nowSec ELSE last_activated_timestamp END,
      last_resolved_timestamp = CASE WHEN @status = 'resolved' AND status <> 'resolved' THEN @nowSec ELSE last_resolved_timestamp END,
      status = @status
      WHERE id = @itemId`)
    this.selectItem = db.prepare('SELECT * FROM rollbar_items WHERE id = ?')
    this.selectInstances = db.prepare(`SELECT * FROM rollbar_occurrences WHERE item_id = ? ORDER BY id DESC LIMIT ${INSTANCES_PAGE_SIZE} OFFSET ?`)
    this.recordInTransaction = db.transaction((facts: OccurrenceFacts, data: Record<string, unknown>) => this.recordOccurrence(facts, data))
  }

  /** Stores an occurrence (once per uuid) under its item; past the occurrence limit, the earliest are deleted. */
  record(facts: OccurrenceFacts, data: Record<string, unknown>): RecordResult {
    const result = this.recordInTransaction(facts, data)
    if (!result.duplicate) this.retention.recordInserted()
    if (this.retention.isOverLimit()) this.retention.prune()
    return result
  }

  /** Applies the retention limits now (see rollbar-retention.ts). */
  prune(nowMs?: number): RollbarPruneResult {
    return this.retention.prune(nowMs)
  }

  private recordOccurrence(facts: OccurrenceFacts, data: Record<string, unknown>): RecordResult {
    const known = this.selectOccurrenceByUuid.get(facts.uuid) as { id: number; item_id: number } | undefined
    if (known) return { occurrenceId: known.id, itemId: known.item_id, uuid: facts.uuid, duplicate: true }
    const groupKey = `${facts.environment}\n${facts.fingerprint}`
    let itemId = this.selectItemByFingerprint.get(groupKey) as number | undefined
    if (itemId === undefined) {
      const inserted = this.insertItem.run(
        groupKey,
        facts.title,
        facts.level,
        facts.environment,
        facts.framework,
        facts.platform,
        facts.language,
        facts.timestampSec,
        facts.timestampSec,
        facts.timestampSec,
      )
      itemId = Number(inserted.lastInsertRowid)
    }
    const storedData = { ...data, uuid: facts.uuid, timestamp: facts.timestampSec }
    const links = occurrenceLinks(data)
    const occurrence = this.insertOccurrence.run(
      itemId,
      facts.uuid,
      facts.timestampSec,
      JSON.stringify(storedData),
      links.traceId,
      links.spanId,
      links.sessionId,
    )
    const occurrenceId = Number(occurrence.lastInsertRowid)
    this.updateItem.run({ occurrenceId, timestampSec: facts.timestampSec, level: facts.level, title: facts.title, itemId })
    return { occurrenceId, itemId, uuid: facts.uuid, duplicate: false }
  }

  listItems(filters: ItemFilters) {
    const conditions: string[] = []
    const params: unknown[] = []
    const addIn = (column: string, values: unknown[]) => {
      if (values.length === 0) return
      conditions.push(`${column} IN (${values.map(() => '?').join(', ')})`)
      params.push(...values)
    }
    addIn('status', filters.statuses)
    addIn('level', filters.levels)
    addIn('environment', filters.environments)
    addIn('id', filters.ids)
    if (filters.query) {
      conditions.push("title LIKE ? ESCAPE '\\'")
      params.push(`%${filters.query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`)
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
    const totalCount = this.db
      .prepare(`SELECT count(*) FROM rollbar_items ${where}`)
      .pluck()
      .get(...params) as number
    const rows = this.db
      .prepare(`SELECT * FROM rollbar_items ${where} ORDER BY last_occurrence_timestamp DESC, id DESC LIMIT ? OFFSET ?`)
      .all(...params, ITEMS_PAGE_SIZE, (filters.page - 1) * ITEMS_PAGE_SIZE) as ItemRow[]
    return { page: filters.page, total_count: totalCount, items: rows.map(toItemView) }
  }

  item(itemId: number) {
    const row = this.selectItem.get(itemId) as ItemRow | undefined
    return row ? toItemView(row) : null
  }

  /** Sets an item's status as Rollbar's PATCH does; returns the item as it is now, or null when there is none. */
  setStatus(itemId: number, status: ItemStatus, nowSec: number) {
    const { changes } = this.updateStatus.run({ itemId, status, nowSec })
    return changes > 0 ? this.item(itemId) : null
  }

  instances(itemId: number, page: number) {
    const rows = this.selectInstances.all(itemId, (page - 1) * INSTANCES_PAGE_SIZE) as OccurrenceRow[]
    return { page, instances: rows.map(toInstanceView) }
  }
}

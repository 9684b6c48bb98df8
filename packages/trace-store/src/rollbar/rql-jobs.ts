import { createHash } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { LOCAL_PROJECT_ID } from './rollbar-store.js'
import type { RqlExecutor, RqlValue } from './rql-executor.js'
import { parseRqlQuery } from './rql-query.js'

/** Jobs are kept in memory, the latest this many; older ids are answered 404 as unknown ones are. */
export const DEFAULT_MAX_RQL_JOBS = 200

/** An RQL job in the fields of Rollbar's API (times in unix seconds). */
export interface RqlJobView {
  id: number
  project_id: number
  query_string: string
  /** Rollbar's jobs go new → running → success | failed; here they are finished when created */
  status: 'success' | 'failed'
  job_hash: string
  date_created: number
  date_modified: number
}

/** A job's result in the fields of Rollbar's API. */
export interface RqlResultView {
  isSimpleSelect: boolean
  /** why the job failed (a query outside the supported subset); empty when it succeeded */
  errors: string[]
  warnings: string[]
  /** seconds */
  executionTime: number
  /** unix seconds: the data is as of this time */
  effectiveTimestamp: number
  rowcount: number
  rows: RqlValue[][]
  selectionColumns: string[]
  projectIds: number[]
  columns: string[]
}

export interface RqlJobRecord {
  job: RqlJobView
  result: RqlResultView
}

/**
 * RQL jobs, answered as they are created. Rollbar runs them in the background and the client polls; answering at
 * once keeps that protocol (create, then get the job and its result) while the client never has to wait. Every
 * create runs the query anew: a result cached by query text would hide occurrences recorded since.
 */
export class RqlJobs {
  private readonly jobs = new Map<number, RqlJobRecord>()
  private lastId = 0

  constructor(
    private readonly executor: RqlExecutor,
    private readonly maxJobs = DEFAULT_MAX_RQL_JOBS,
    private readonly nowSec = () => Math.floor(Date.now() / 1000),
  ) {}

  create(queryString: string): RqlJobRecord {
    const startedMs = performance.now()
    const nowSec = this.nowSec()
    const parsed = parseRqlQuery(queryString)
    const rows = parsed.ok ? this.executor.run(parsed.query) : []
    this.lastId += 1
    const record: RqlJobRecord = {
      job: {
        id: this.lastId,
        project_id: LOCAL_PROJECT_ID,
        query_string: queryString,
        status: parsed.ok ? 'success' : 'failed',
        job_hash: createHash('sha1').update(queryString).digest('hex'),
        date_created: nowSec,
        date_modified: nowSec,
      },
      result: {
        isSimpleSelect: parsed.ok,
        errors: parsed.ok ? [] : [parsed.error],
        warnings: [],
        executionTime: (performance.now() - startedMs) / 1000,
        effectiveTimestamp: nowSec,
        rowcount: rows.length,
        rows,
        selectionColumns: parsed.ok ? parsed.query.selection : [],
        projectIds: [LOCAL_PROJECT_ID],
        columns: parsed.ok ? parsed.query.columns : [],
      },
    }
    this.jobs.set(record.job.id, record)
    // a Map iterates in insertion order: the first key is the oldest job
    if (this.jobs.size > this.maxJobs) this.jobs.delete(this.jobs.keys().next().value!)
    return record
  }

  find(jobId: number): RqlJobRecord | undefined {
    return this.jobs.get(jobId)
  }
}

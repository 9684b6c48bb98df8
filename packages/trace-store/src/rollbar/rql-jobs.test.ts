import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../store/open-database.js'
import { RqlExecutor } from './rql-executor.js'
import { RqlJobs } from './rql-jobs.js'

describe('RQL jobs', () => {
  const db = openDatabase(':memory:')
  afterAll(() => db.close())

  it('keeps the latest jobs only, forgetting the oldest first', () => {
    const jobs = new RqlJobs(new RqlExecutor(db), 3, () => 1_700_000_000)
    const ids = Array.from({ length: 4 }, () => jobs.create('SELECT uuid FROM item_occurrence').job.id)
    expect(ids).toEqual([1, 2, 3, 4])
    expect(jobs.find(1)).toBeUndefined()
    expect(ids.slice(1).map((id) => jobs.find(id)?.job.id)).toEqual([2, 3, 4])
  })

  it('records a query outside the subset as a failed job that says why', () => {
    const jobs = new RqlJobs(new RqlExecutor(db), 10, () => 1_700_000_000)
    const { job, result } = jobs.create('SELECT count(*) FROM item_occurrence')
    expect(job).toMatchObject({ status: 'failed', date_created: 1_700_000_000, date_modified: 1_700_000_000, project_id: 1 })
    expect(result).toMatchObject({ errors: ['functions such as count() are not supported (at character 8)'], rows: [], rowcount: 0, isSimpleSelect: false })
  })
})

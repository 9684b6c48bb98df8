'use client'
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { ApiError } from '../../../features/common/api-client'
import { Empty, ErrorState, Loading } from '../../../features/common/components/states'
import { RelativeTime } from '../../../features/common/components/time-zone'
import { ItemStatusControls } from '../../../features/errors/components/item-status-controls'
import { OccurrenceList } from '../../../features/errors/components/occurrence-list'
import { itemQuery, occurrencesQuery } from '../../../features/errors/queries'

const OCCURRENCES_PAGE_SIZE = 20

export function ItemClient({ itemId, page }: { itemId: number; page: number }) {
  const item = useQuery(itemQuery(itemId))
  const occurrences = useQuery(occurrencesQuery(itemId, page))
  if (item.isPending) return <Loading what={`Rollbar item ${itemId}`} />
  if (item.isError) {
    if (item.error instanceof ApiError && item.error.status === 404) {
      return (
        <Empty title="Rollbar item not found">
          <p>{item.error.message}. It may belong to another project or have been deleted.</p>
          <Link href="/errors">All errors</Link>
        </Empty>
      )
    }
    return <ErrorState error={item.error} what="Rollbar item" onRetry={() => void item.refetch()} />
  }
  const data = item.data
  const lastPage = Math.max(1, Math.ceil(data.totalOccurrences / OCCURRENCES_PAGE_SIZE))
  return (
    <>
      <p>
        <Link href="/errors">← All errors</Link>
      </p>
      <h1 className="break-anywhere">
        <span className={`badge ${data.level}`}>{data.level}</span> {data.title}
      </h1>
      <p className="muted">
        #{data.counter} · {data.environment || 'no environment'} · {data.totalOccurrences} occurrence{data.totalOccurrences === 1 ? '' : 's'} · first{' '}
        <RelativeTime ms={data.firstOccurrenceSec * 1000} /> · last <RelativeTime ms={data.lastOccurrenceSec * 1000} />
      </p>
      <ItemStatusControls item={data} />
      <h2>Occurrences (newest first)</h2>
      {occurrences.isPending ? (
        <Loading what="occurrences" />
      ) : occurrences.isError ? (
        <ErrorState error={occurrences.error} what="occurrences" onRetry={() => void occurrences.refetch()} />
      ) : occurrences.data.occurrences.length === 0 ? (
        <Empty title="No occurrences on this page">
          <p>Grouped items have none of their own; otherwise go back a page.</p>
        </Empty>
      ) : (
        <OccurrenceList occurrences={occurrences.data.occurrences} />
      )}
      <nav className="row" aria-label="Occurrence pages">
        {page > 1 ? <Link href={`/errors/${itemId}?page=${page - 1}`}>Newer</Link> : null}
        {page < lastPage ? <Link href={`/errors/${itemId}?page=${page + 1}`}>Older</Link> : null}
      </nav>
    </>
  )
}

import Link from 'next/link'
import { Empty } from '../../../features/common/components/states'
import { parseItemId } from '../../../features/errors/model/item-filters'
import { ItemClient } from './client'

export const metadata = { title: 'Error · Spanlight' }

export default async function ItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ itemId: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const itemId = parseItemId((await params).itemId)
  if (!itemId.ok) {
    return (
      <Empty title="That is not a Rollbar item id">
        <p>Item ids are positive whole numbers.</p>
        <p>
          <Link href="/errors">All errors</Link>
        </p>
      </Empty>
    )
  }
  const pageParam = Number((await searchParams).page ?? '1')
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1
  return <ItemClient itemId={itemId.value} page={page} />
}

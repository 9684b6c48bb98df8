import Link from 'next/link'
import { notFound } from 'next/navigation'
import { Empty } from '../../../features/common/components/states'
import { parseItemId } from '../../../features/errors/model/item-filters'
import { getSources } from '../../../server/sources'
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
  // a malformed id answers 400 (src/proxy.ts sets the status) with this explanation
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
  // an unknown item answers 404 with ./not-found.tsx; when the source fails, the client says why
  if ((await itemFound(itemId.value)) === 'missing') notFound()
  const pageParam = Number((await searchParams).page ?? '1')
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1
  return <ItemClient itemId={itemId.value} page={page} />
}

async function itemFound(itemId: number): Promise<'found' | 'missing' | 'unknown'> {
  try {
    return (await getSources().rollbar.item(itemId)) ? 'found' : 'missing'
  } catch {
    return 'unknown'
  }
}

import Link from 'next/link'
import { LastPathSegment } from '../../../features/common/components/last-path-segment'

/** The item page for an item id the source does not know (HTTP 404, from the page's `notFound()`). */
export default function ItemNotFound() {
  return (
    <div className="state" role="alert">
      <h2>Rollbar item not found</h2>
      <p>
        Rollbar item <LastPathSegment /> was not found. It may belong to another project or have been deleted.
      </p>
      <p>
        <Link href="/errors">All errors</Link>
      </p>
    </div>
  )
}

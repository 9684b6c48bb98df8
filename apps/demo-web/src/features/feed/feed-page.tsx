import { useQuery } from '@tanstack/react-query'
import { homeFeedQuery } from '../../api/queries.js'
import { ActivityList, QueryState } from '../../components/activity-list.js'

export function FeedPage() {
  const feed = useQuery(homeFeedQuery)
  return (
    <section aria-labelledby="feed-heading">
      <h2 id="feed-heading">Home</h2>
      <QueryState isPending={feed.isPending} error={feed.error} />
      {feed.data && <ActivityList activities={feed.data.activities} />}
    </section>
  )
}

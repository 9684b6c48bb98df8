import type { Activity } from '../api/api-client.js'
import { Link } from '../routing/link.js'
import { userPath } from '../routing/route-table.js'

export function ActivityList({ activities }: { activities: Activity[] }) {
  if (activities.length === 0) return <p className="empty">Nothing here yet.</p>
  return (
    <ul className="activities" aria-label="activities">
      {activities.map((activity) => (
        <li key={activity.uuid} className="activity">
          <strong>{activity.displayName}</strong> <span className="handle">@{activity.handle}</span>{' '}
          {/* "Profile", not the author's name: the link's text names its interaction span (`click Profile`), and a
              span name must not hold user data; the list item around it says whose profile it is */}
          <Link to={userPath(activity.handle)}>Profile</Link>
          <p>{activity.message}</p>
          <small>
            {new Date(activity.createdAt).toLocaleString()} · {activity.likesCount} likes
          </small>
        </li>
      ))}
    </ul>
  )
}

export function QueryState({ isPending, error }: { isPending: boolean; error: Error | null }) {
  if (error) return <p role="alert">Could not load: {error.message}</p>
  if (isPending) return <p aria-busy="true">Loading…</p>
  return null
}

import type { Activity } from '../api/api-client.js'

export function ActivityList({ activities }: { activities: Activity[] }) {
  if (activities.length === 0) return <p className="empty">Nothing here yet.</p>
  return (
    <ul className="activities" aria-label="activities">
      {activities.map((activity) => (
        <li key={activity.uuid} className="activity">
          <strong>{activity.displayName}</strong> <span className="handle">@{activity.handle}</span>
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

import { useQuery } from '@tanstack/react-query'
import { notificationsQuery } from '../../api/queries.js'
import { QueryState } from '../../components/activity-list.js'

export function NotificationsPage() {
  const notifications = useQuery(notificationsQuery)
  return (
    <section aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Notifications</h2>
      <QueryState isPending={notifications.isPending} error={notifications.error} />
      <ul aria-label="notifications">
        {notifications.data?.notifications.map((notification) => (
          <li key={notification.uuid}>
            {notification.kind}: <strong>@{notification.activity.handle}</strong> — {notification.activity.message}
          </li>
        ))}
      </ul>
    </section>
  )
}

import { queryOptions } from '@tanstack/react-query'
import { fetchHomeFeed, fetchNotifications, searchActivities } from './api-client.js'

export const homeFeedQuery = queryOptions({ queryKey: ['activities', 'home'], queryFn: fetchHomeFeed })

export const notificationsQuery = queryOptions({ queryKey: ['activities', 'notifications'], queryFn: fetchNotifications })

export function searchQuery(term: string) {
  return queryOptions({ queryKey: ['activities', 'search', term], queryFn: () => searchActivities(term), enabled: term.length > 0 })
}

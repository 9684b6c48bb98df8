import { queryOptions } from '@tanstack/react-query'
import { fetchHomeFeed, fetchNotifications, fetchUserProfile, searchActivities } from './api-client.js'

// meta.spanName names the query's spans (@spanlight/web-tracing/react): without it a span would be
// named from the key's first part only, since later parts such as the search term are user input.

export const homeFeedQuery = queryOptions({ queryKey: ['activities', 'home'], queryFn: fetchHomeFeed, meta: { spanName: 'activities home' } })

export const notificationsQuery = queryOptions({
  queryKey: ['activities', 'notifications'],
  queryFn: fetchNotifications,
  meta: { spanName: 'activities notifications' },
})

export function searchQuery(term: string) {
  return queryOptions({
    queryKey: ['activities', 'search', term],
    queryFn: () => searchActivities(term),
    enabled: term.length > 0,
    meta: { spanName: 'activities search' },
  })
}

export function userProfileQuery(handle: string) {
  return queryOptions({
    queryKey: ['users', handle],
    queryFn: () => fetchUserProfile(handle),
    // the handle stays out of the span name: it is in the key (and in the URL), not in `query users profile`
    meta: { spanName: 'users profile' },
  })
}

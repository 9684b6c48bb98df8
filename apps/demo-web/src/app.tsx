import type { ReactNode } from 'react'
import { ErrorsPage } from './features/errors/errors-page.js'
import { FeedPage } from './features/feed/feed-page.js'
import { NotificationsPage } from './features/notifications/notifications-page.js'
import { PostForm } from './features/post/post-form.js'
import { ProfilePage } from './features/profile/profile-page.js'
import { SearchPage } from './features/search/search-page.js'
import { Link } from './routing/link.js'
import type { RouteTemplate } from './routing/route-table.js'
import { useRoute } from './routing/use-route.js'

const PAGES: Record<RouteTemplate, (params: Record<string, string>) => ReactNode> = {
  '/': () => <FeedPage />,
  '/notifications': () => <NotificationsPage />,
  '/search': () => <SearchPage />,
  '/post': () => <PostForm />,
  '/errors': () => <ErrorsPage />,
  // keyed by handle: another user's page starts from its own state
  '/users/:handle': ({ handle }) => <ProfilePage key={handle} handle={handle!} />,
}

const NAV: { path: RouteTemplate; label: string }[] = [
  { path: '/', label: 'Home' },
  { path: '/notifications', label: 'Notifications' },
  { path: '/search', label: 'Search' },
  { path: '/post', label: 'Post' },
  { path: '/errors', label: 'Errors' },
]

export function App() {
  const { path, match } = useRoute()
  return (
    <>
      <header>
        <h1>Cruddur (Spanlight demo)</h1>
        <nav aria-label="pages">
          {NAV.map(({ path: to, label }) => (
            <Link key={to} to={to} aria-current={path === to ? 'page' : undefined}>
              {label}
            </Link>
          ))}
        </nav>
      </header>
      <main>{match ? PAGES[match.template](match.params) : <NotFound />}</main>
    </>
  )
}

function NotFound() {
  return (
    <section aria-labelledby="not-found-heading">
      <h2 id="not-found-heading">No page here</h2>
      <Link to="/">Back to the feed</Link>
    </section>
  )
}

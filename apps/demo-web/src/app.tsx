import { useEffect, useState } from 'react'
import { ErrorsPage } from './features/errors/errors-page.js'
import { FeedPage } from './features/feed/feed-page.js'
import { NotificationsPage } from './features/notifications/notifications-page.js'
import { PostForm } from './features/post/post-form.js'
import { SearchPage } from './features/search/search-page.js'

const PAGES = {
  home: { label: 'Home', render: () => <FeedPage /> },
  notifications: { label: 'Notifications', render: () => <NotificationsPage /> },
  search: { label: 'Search', render: () => <SearchPage /> },
  post: { label: 'Post', render: () => <PostForm /> },
  errors: { label: 'Errors', render: () => <ErrorsPage /> },
} as const
type PageName = keyof typeof PAGES

function pageFromHash(): PageName {
  const name = window.location.hash.replace(/^#\/?/, '')
  return name in PAGES ? (name as PageName) : 'home'
}

export function App() {
  const [page, setPage] = useState<PageName>(pageFromHash)
  useEffect(() => {
    const onHashChange = () => setPage(pageFromHash())
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [])
  return (
    <>
      <header>
        <h1>Cruddur (Spanlight demo)</h1>
        <nav aria-label="pages">
          {Object.entries(PAGES).map(([name, { label }]) => (
            <a key={name} href={`#/${name}`} aria-current={page === name ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main>{PAGES[page].render()}</main>
    </>
  )
}

import type { ExportQueue } from './export-queue.js'

/**
 * Tells the export queue when the page may be leaving: `visibilitychange`
 * to hidden (often the last event a mobile browser fires), `pagehide`
 * (navigation, close; into the back/forward cache when `persisted`), and
 * back again. Returns a function that stops listening.
 */
export function watchPageExit(queue: Pick<ExportQueue, 'pageHidden' | 'pageShown'>): () => void {
  const onPageHide = (event: PageTransitionEvent) => queue.pageHidden(event.persisted ? 'hidden' : 'gone')
  const onPageShow = () => queue.pageShown()
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') queue.pageHidden('hidden')
    else queue.pageShown()
  }
  window.addEventListener('pagehide', onPageHide)
  window.addEventListener('pageshow', onPageShow)
  document.addEventListener('visibilitychange', onVisibilityChange)
  return () => {
    window.removeEventListener('pagehide', onPageHide)
    window.removeEventListener('pageshow', onPageShow)
    document.removeEventListener('visibilitychange', onVisibilityChange)
  }
}

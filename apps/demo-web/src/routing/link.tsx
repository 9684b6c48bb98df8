import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { navigate } from './use-route.js'

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string }

/** An `<a href>` that navigates within the SPA on a plain click; a modified click (new tab, …) stays the browser's. */
export function Link({ to, onClick, ...anchorProps }: LinkProps) {
  const followInApp = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey
    if (event.defaultPrevented || event.button !== 0 || modified || anchorProps.target) return
    event.preventDefault()
    navigate(to)
  }
  return <a href={to} onClick={followInApp} {...anchorProps} />
}

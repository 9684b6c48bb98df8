import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { TimeZoneSwitch } from '../features/common/components/time-zone'
import { LookupBox } from '../features/lookup/components/lookup-box'
import { Providers } from './providers'
import './globals.css'

export const metadata: Metadata = {
  title: 'Spanlight',
  description: 'Traces, the waterfall and Rollbar items, linked both ways.',
}

// Every page is rendered per request: its scripts carry the CSP nonce of that response (src/proxy.ts).
export const dynamic = 'force-dynamic'

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            Spanlight
          </Link>
          <nav aria-label="Main">
            <Link href="/">Overview</Link>
            <Link href="/traces">Traces</Link>
            <Link href="/errors">Errors</Link>
            <Link href="/dependencies">Dependencies</Link>
            <Link href="/frontend">Frontend</Link>
            <Link href="/query">Query</Link>
          </nav>
          <LookupBox />
          <TimeZoneSwitch />
        </header>
        <main className="site-main">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  )
}

import Link from 'next/link'

export default function NotFound() {
  return (
    <div className="state">
      <h2>Page not found</h2>
      <p>
        Try the <Link href="/">overview</Link>, <Link href="/traces">traces</Link> or <Link href="/errors">errors</Link>.
      </p>
    </div>
  )
}

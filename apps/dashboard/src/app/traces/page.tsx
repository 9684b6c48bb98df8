import Link from 'next/link'
import { Suspense } from 'react'
import { Loading } from '../../features/common/components/states'
import { TracesClient } from './client'

export const metadata = { title: 'Traces · Spanlight' }

export default function TracesPage() {
  return (
    <>
      <div className="row" style={{ alignItems: 'baseline' }}>
        <h1>Traces</h1>
        <span className="spacer" />
        <Link href="/traces/open">Open a trace file</Link>
      </div>
      <Suspense fallback={<Loading what="the search" />}>
        <TracesClient />
      </Suspense>
    </>
  )
}

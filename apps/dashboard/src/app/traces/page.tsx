import { Suspense } from 'react'
import { Loading } from '../../features/common/components/states'
import { TracesClient } from './client'

export const metadata = { title: 'Traces · Spanlight' }

export default function TracesPage() {
  return (
    <>
      <h1>Traces</h1>
      <Suspense fallback={<Loading what="the search" />}>
        <TracesClient />
      </Suspense>
    </>
  )
}

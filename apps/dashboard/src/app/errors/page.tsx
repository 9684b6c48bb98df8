import { Suspense } from 'react'
import { Loading } from '../../features/common/components/states'
import { ErrorsClient } from './client'

export const metadata = { title: 'Errors · Spanlight' }

export default function ErrorsPage() {
  return (
    <>
      <h1>Errors</h1>
      <Suspense fallback={<Loading what="Rollbar items" />}>
        <ErrorsClient />
      </Suspense>
    </>
  )
}

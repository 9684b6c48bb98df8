import { Suspense } from 'react'
import { Loading } from '../../features/common/components/states'
import { QueryClientPage } from './client'

export const metadata = { title: 'Query · Spanlight' }

export default function QueryPage() {
  return (
    <>
      <h1>Query</h1>
      <Suspense fallback={<Loading what="the query" />}>
        <QueryClientPage />
      </Suspense>
    </>
  )
}

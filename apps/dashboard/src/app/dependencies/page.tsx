import { Suspense } from 'react'
import { Loading } from '../../features/common/components/states'
import { DependenciesClient } from './client'

export const metadata = { title: 'Service dependencies · Spanlight' }

export default function DependenciesPage() {
  // the range is read from the URL on the client
  return (
    <Suspense fallback={<Loading what="service dependencies" />}>
      <DependenciesClient />
    </Suspense>
  )
}

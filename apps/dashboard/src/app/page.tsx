import { OverviewClient } from './client'

export default function OverviewPage() {
  return (
    <>
      <h1>Overview</h1>
      <OverviewClient />
    </>
  )
}

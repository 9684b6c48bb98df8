'use client'
import dynamic from 'next/dynamic'
import { useRouter } from 'next/navigation'
import { useTransition } from 'react'
import { Loading } from '../../features/common/components/states'
import type { VitalLine } from '../../features/frontend/model/frontend-tables'

// ECharts is loaded by the pages that draw charts only, after their first paint (as the Query page does)
const VitalCharts = dynamic(() => import('../../features/frontend/components/vital-charts'), { ssr: false, loading: () => <Loading what="the charts" /> })

export function VitalChartsLoader({ lines }: { lines: VitalLine[] }) {
  return <VitalCharts lines={lines} />
}

/** Runs the page's queries again (the server renders it anew, with a new "now"). */
export function RefreshButton() {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  return (
    <button type="button" onClick={() => startTransition(() => router.refresh())} disabled={pending} aria-busy={pending}>
      {pending ? 'Refreshing…' : 'Refresh'}
    </button>
  )
}

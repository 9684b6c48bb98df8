'use client'
import { useSearchParams } from 'next/navigation'
import { CompareForm } from '../../../features/traces/components/compare-forms'
import { parseCompareParams } from '../../../features/traces/model/compare-params'
import { CompareClient } from './client'

/**
 * The compare page when a trace is not in the source (HTTP 404, from the page's `notFound()`): the same page, whose
 * client then says which trace is missing, with the form to change it.
 */
export default function CompareNotFound() {
  const params = parseCompareParams(useSearchParams())
  return (
    <>
      <h1>Compare traces</h1>
      <CompareForm a={params.a} b={params.b} />
      {params.kind === 'ok' ? <CompareClient a={params.a} b={params.b} /> : null}
    </>
  )
}

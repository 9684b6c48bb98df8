import { queryOptions } from '@tanstack/react-query'
import { apiGet } from '../common/api-client'
import type { SpanMarks } from './model/span-marks'

/** Row names of fetch spans and event times for the bars (`/api/traces/:id/marks`), asked after the rows have painted. */
export const spanMarksQuery = (traceId: string) =>
  queryOptions({
    queryKey: ['trace-marks', traceId],
    queryFn: ({ signal }) => apiGet<SpanMarks>(`/api/traces/${traceId}/marks`, signal),
    staleTime: 5 * 60_000,
  })

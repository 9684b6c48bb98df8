import 'server-only'
import { z } from 'zod'
import { normalizeId } from '../otlp/normalize-ids'

// Tempo's TraceQL metrics answers (`GET /api/metrics/query_range` and the instant `GET /api/metrics/query`), read into
// one shape. Tempo writes its protobuf messages (pkg/tempopb/tempo.proto: QueryRangeResponse, TimeSeries, Sample,
// Exemplar, QueryInstantResponse, InstantSeries) as protojson: labels are OTLP KeyValues, `timestampMs` an int64 as a
// string, doubles numbers or "NaN"/"Infinity". A Prometheus-compatible proxy in front of Tempo may answer a matrix or a
// vector instead (`{"status":"success","data":{"resultType":"matrix","result":[{"metric","values"}]}}`); both are read.

type LabelValue = string | number | boolean | null

export interface TempoSeries {
  labels: Record<string, LabelValue>
  /** ms → value; non-finite values (an empty bucket's NaN) are left out */
  samples: { timeMs: number; value: number }[]
  exemplars: { timeMs: number; traceId: string }[]
}

const number = z.union([z.number(), z.string()])
const anyValue = z
  .object({ stringValue: z.string().optional(), intValue: number.optional(), doubleValue: number.optional(), boolValue: z.boolean().optional() })
  .loose()
  .nullish()
const keyValues = z.array(z.object({ key: z.string(), value: anyValue })).nullish()
const tempoSeries = z.object({
  labels: keyValues,
  samples: z.array(z.object({ timestampMs: number.optional(), value: number.optional() })).nullish(),
  /** instant queries */
  value: number.nullish(),
  exemplars: z.array(z.object({ labels: keyValues, value: number.nullish(), timestampMs: number.optional() })).nullish(),
})
const prometheusPoint = z.tuple([z.number(), z.string()])
const tempoAnswerSchema = z.union([
  z.object({ series: z.array(tempoSeries).nullish(), status: z.string().optional(), message: z.string().optional() }).loose(),
  z.object({
    status: z.literal('success'),
    data: z.object({
      resultType: z.enum(['matrix', 'vector']),
      result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(prometheusPoint).optional(), value: prometheusPoint.optional() })),
    }),
  }),
])

/** The schema of an answer, for fetchUpstreamJson: every shape that is read below. */
export const TEMPO_METRICS_SCHEMA = tempoAnswerSchema
export type TempoMetricsAnswer = z.infer<typeof tempoAnswerSchema>

function toNumber(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return NaN
  return typeof value === 'number' ? value : Number(value)
}

function labelValue(value: z.infer<typeof anyValue>): LabelValue {
  if (!value) return null
  if (value.stringValue !== undefined) return value.stringValue
  if (value.intValue !== undefined) return toNumber(value.intValue)
  if (value.doubleValue !== undefined) return toNumber(value.doubleValue)
  if (value.boolValue !== undefined) return value.boolValue
  return null
}

/** An exemplar's trace id: Tempo labels it `trace:id` (hex; base64 read too), some versions `traceId`. */
function exemplarTraceId(labels: z.infer<typeof keyValues>): string | null {
  for (const label of labels ?? []) {
    if (label.key !== 'trace:id' && label.key !== 'traceId' && label.key !== 'trace_id') continue
    const raw = labelValue(label.value)
    if (typeof raw !== 'string') return null
    return normalizeId(raw.replace(/^"|"$/g, '').padStart(32, '0'), 16) ?? normalizeId(raw, 16)
  }
  return null
}

/** Reads either answer shape into series; an instant answer gives each series one sample at `instantMs`. */
export function readTempoSeries(answer: TempoMetricsAnswer, instantMs: number): TempoSeries[] {
  if ('data' in answer && answer.status === 'success' && typeof answer.data === 'object') {
    const data = answer.data as { result: { metric: Record<string, string>; values?: [number, string][]; value?: [number, string] }[] }
    return data.result.map((entry) => ({
      labels: { ...entry.metric },
      samples: (entry.values ?? (entry.value ? [entry.value] : []))
        .map(([sec, value]) => ({ timeMs: Math.round(sec * 1000), value: Number(value) }))
        .filter((sample) => Number.isFinite(sample.value)),
      exemplars: [],
    }))
  }
  const series = (answer as { series?: z.infer<typeof tempoSeries>[] | null }).series ?? []
  return series.map((entry) => {
    const labels: Record<string, LabelValue> = {}
    for (const label of entry.labels ?? []) labels[label.key] = labelValue(label.value)
    const samples =
      entry.samples && entry.samples.length > 0
        ? entry.samples.map((sample) => ({ timeMs: toNumber(sample.timestampMs), value: toNumber(sample.value) }))
        : entry.value !== undefined && entry.value !== null
          ? [{ timeMs: instantMs, value: toNumber(entry.value) }]
          : []
    const exemplars: TempoSeries['exemplars'] = []
    for (const exemplar of entry.exemplars ?? []) {
      const traceId = exemplarTraceId(exemplar.labels)
      const timeMs = toNumber(exemplar.timestampMs)
      if (traceId && Number.isFinite(timeMs) && timeMs > 0) exemplars.push({ timeMs, traceId })
    }
    return { labels, samples: samples.filter((sample) => Number.isFinite(sample.value) && Number.isFinite(sample.timeMs)), exemplars }
  })
}

import { OpenTraceClient } from './client'

export const metadata = { title: 'Open a trace file · Spanlight' }

export default function OpenTracePage() {
  return (
    <>
      <h1>Open a trace file</h1>
      <p className="muted">
        An OTLP JSON file (the trace page&apos;s download, Tempo, or the OpenTelemetry Collector&apos;s file exporter, one request per line) or a Jaeger JSON
        file (Jaeger UI&apos;s &quot;Download JSON&quot;). The file is read in this browser and never uploaded.
      </p>
      <OpenTraceClient />
    </>
  )
}

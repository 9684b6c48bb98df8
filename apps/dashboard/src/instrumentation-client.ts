import { z } from 'zod'

// Runs in the browser before any page code (Next.js `instrumentation-client.ts`). zod probes for `new Function` when it
// builds an object schema, unless JIT is off; the dashboard's CSP (no 'unsafe-eval') blocks and reports that probe.
// Off here, before any module builds a schema at load: the store's query-spec parser in
// `@spanlight/trace-store/helpers`, which the trace pages import for `nanoDiffMs`, builds its schemas then.
z.config({ jitless: true })

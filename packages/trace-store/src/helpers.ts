// `@spanlight/trace-store/helpers`: the small pure helpers the dashboard shares with the store, so that each exists
// once. Nothing here imports Node built-ins or has side effects: a browser bundle may import this entry (the main
// entry starts servers and opens SQLite, and is for `import type` only there).
export { describeZodError } from './http/describe-zod-error.js'
export { nanoDiffMs } from './ingest/nano-time.js'
